package io.ninep.server.local.sys;

/**
 * The numbers of the Linux user ABI that the local backend uses: open(2) flags, *at(2) flags,
 * openat2(2) resolve flags and the syscall numbers glibc 2.36 has no wrapper for. Supported
 * machines: x86-64 and AArch64 (where a few O_* values and the old syscall numbers differ). The
 * st_mode bits are the same on every architecture, and are what 9P2000.L carries:
 * {@link io.ninep.protocol.LinuxFileMode}.
 */
public final class LinuxAbi {
    private LinuxAbi() {}

    private static final boolean ARM64 = switch (System.getProperty("os.arch")) {
        case "aarch64", "arm64" -> true;
        case "amd64", "x86_64" -> false;
        default -> throw new ExceptionInInitializerError(
                "the local file server supports Linux on x86-64 and aarch64, not " + System.getProperty("os.arch"));
    };

    // open(2)
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_DIRECTORY = ARM64 ? 040000 : 0200000;
    public static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;
    public static final int O_DIRECT = ARM64 ? 0200000 : 040000;
    public static final int O_LARGEFILE = ARM64 ? 0400000 : 0100000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;

    // *at(2)
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_EMPTY_PATH = 0x1000;

    // openat2(2) resolve flags
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;

    // utimensat(2)
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;

    // setxattr(2)
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;
    /** The largest value of an extended attribute (XATTR_SIZE_MAX). */
    public static final int XATTR_SIZE_MAX = 65536;

    /** NAME_MAX: the longest file name, in bytes. */
    public static final int NAME_MAX = 255;
    /** PATH_MAX: the longest path (and symbolic link target), NUL included. */
    public static final int PATH_MAX = 4096;

    // Syscall numbers. Those from 424 on are the same on every architecture.
    static final long SYS_OPENAT2 = 437;
    static final long SYS_GETDENTS64 = ARM64 ? 61 : 217;
    static final long SYS_SETFSUID = ARM64 ? 151 : 122;
    static final long SYS_SETFSGID = ARM64 ? 152 : 123;
    static final long SYS_SETGROUPS = ARM64 ? 159 : 116;
    static final long SYS_CAPGET = ARM64 ? 90 : 125;
    static final long SYS_CAPSET = ARM64 ? 91 : 126;

    /** fcntl(2) F_DUPFD_CLOEXEC. */
    static final int F_DUPFD_CLOEXEC = 1030;
}
