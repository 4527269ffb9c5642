package io.ninep.server.spi;

import io.ninep.protocol.LinuxOpenFlags;

/**
 * The open(2) flags of {@link LinuxOpenFlags} that the server engine ({@code io.ninep.server})
 * and its tests still name through this class: those of Tlopen, and the ones the engine passes to
 * {@link FileNode#open} for a 9P2000 Topen. Backends and new code use {@link LinuxOpenFlags}
 * itself; this alias goes once the engine has moved over.
 */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_RDONLY = LinuxOpenFlags.O_RDONLY;
    public static final int O_WRONLY = LinuxOpenFlags.O_WRONLY;
    public static final int O_RDWR = LinuxOpenFlags.O_RDWR;
    public static final int O_CREAT = LinuxOpenFlags.O_CREAT;
    public static final int O_EXCL = LinuxOpenFlags.O_EXCL;
    public static final int O_TRUNC = LinuxOpenFlags.O_TRUNC;
    public static final int O_DIRECTORY = LinuxOpenFlags.O_DIRECTORY;

    /** As {@link LinuxOpenFlags#writes}. */
    public static boolean writes(int flags) {
        return LinuxOpenFlags.writes(flags);
    }
}
