package io.ninep.server.spi;

/**
 * The st_mode bits of Linux (stat(2)) that Rgetattr, Tsetattr, Tlcreate and Tmknod carry, and
 * the dirent types (d_type) of Rreaddir that go with them.
 */
public final class FileMode {
    private FileMode() {}

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;
    /** The permission bits and set-id/sticky bits: what chmod(2) changes. */
    public static final int PERMISSIONS = 07777;

    public static boolean isDirectory(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isRegular(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isSymlink(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** The dirent type (DT_DIR, DT_REG, ...) of a file with this mode: the file type bits shifted down. */
    public static int direntType(int mode) {
        return (mode & S_IFMT) >>> 12;
    }

    /** The qid type (QTDIR, QTSYMLINK, QTFILE) of a file with this mode. */
    public static int qidType(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> io.ninep.protocol.message.Qid.DIR;
            case S_IFLNK -> io.ninep.protocol.message.Qid.SYMLINK;
            default -> io.ninep.protocol.message.Qid.FILE;
        };
    }
}
