package io.ninep.protocol;

/**
 * The open(2) flags that Tlopen and Tlcreate carry: Linux's numbers on x86 and arm (the kernel's
 * P9_DOTL_* constants, include/net/9p/9p.h), which 9P2000.L fixed for every client and server,
 * whatever the host's own O_* values are.
 */
public final class LinuxOpenFlags {
    private LinuxOpenFlags() {}

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    /** Mask of the access mode (O_RDONLY, O_WRONLY, O_RDWR). */
    public static final int O_ACCMODE = 03;
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
