package io.ninep.server.spi;

import io.ninep.protocol.LinuxFileMode;

/**
 * The st_mode bits of {@link LinuxFileMode} under the name the server engine
 * ({@code io.ninep.server}) and its tests still use. Backends and new code use
 * {@link LinuxFileMode} itself; this alias goes once the engine has moved over.
 */
public final class FileMode {
    private FileMode() {}

    public static final int S_IFMT = LinuxFileMode.S_IFMT;
    public static final int S_IFSOCK = LinuxFileMode.S_IFSOCK;
    public static final int S_IFLNK = LinuxFileMode.S_IFLNK;
    public static final int S_IFREG = LinuxFileMode.S_IFREG;
    public static final int S_IFBLK = LinuxFileMode.S_IFBLK;
    public static final int S_IFDIR = LinuxFileMode.S_IFDIR;
    public static final int S_IFCHR = LinuxFileMode.S_IFCHR;
    public static final int S_IFIFO = LinuxFileMode.S_IFIFO;
    public static final int S_ISUID = LinuxFileMode.S_ISUID;
    public static final int S_ISGID = LinuxFileMode.S_ISGID;
    public static final int S_ISVTX = LinuxFileMode.S_ISVTX;
    /** The permission bits and set-id/sticky bits: what chmod(2) changes. */
    public static final int PERMISSIONS = LinuxFileMode.PERMISSIONS;

    /** As {@link LinuxFileMode#isDirectory}. */
    public static boolean isDirectory(int mode) {
        return LinuxFileMode.isDirectory(mode);
    }
}
