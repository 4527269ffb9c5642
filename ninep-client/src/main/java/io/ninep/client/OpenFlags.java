package io.ninep.client;

import io.ninep.protocol.message.Topen;

/**
 * Linux open(2) flags as 9P2000.L carries them in Tlopen and Tlcreate (the values of Linux on
 * x86 and arm, which 9P2000.L fixed for every platform), and their 9P2000 Topen equivalent.
 */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
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

    /** Linux's AT_REMOVEDIR, for {@link Fid#unlinkat}. */
    public static final int AT_REMOVEDIR = 0x200;

    /** The Topen mode for Linux flags: access mode, OTRUNC for O_TRUNC. Other flags have no 9P2000 form. */
    public static int toTopenMode(int linuxFlags) {
        int mode = switch (linuxFlags & O_ACCMODE) {
            case O_WRONLY -> Topen.OWRITE;
            case O_RDWR -> Topen.ORDWR;
            default -> Topen.OREAD;
        };
        if ((linuxFlags & O_TRUNC) != 0) {
            mode |= Topen.OTRUNC;
        }
        return mode;
    }

    /** Whether the flags allow writing. */
    public static boolean writable(int linuxFlags) {
        int acc = linuxFlags & O_ACCMODE;
        return acc == O_WRONLY || acc == O_RDWR;
    }
}
