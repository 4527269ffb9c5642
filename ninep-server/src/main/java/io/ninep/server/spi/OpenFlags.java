package io.ninep.server.spi;

/**
 * The open(2) flags that Tlopen and Tlcreate carry, as Linux numbers them on x86 and arm (the
 * values of the kernel's P9_DOTL_* constants, which is what the client puts on the wire), and the
 * ones the engine passes to {@link FileNode#open} for a 9P2000 Topen.
 */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    /** Mask of the access mode (O_RDONLY, O_WRONLY, O_RDWR). */
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;

    /** Whether the flags ask to write (O_WRONLY or O_RDWR). */
    public static boolean writes(int flags) {
        int acc = flags & O_ACCMODE;
        return acc == O_WRONLY || acc == O_RDWR;
    }

    /** Whether the flags ask to read (O_RDONLY or O_RDWR). */
    public static boolean reads(int flags) {
        int acc = flags & O_ACCMODE;
        return acc == O_RDONLY || acc == O_RDWR;
    }
}
