package io.ninep.protocol;

import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;

/**
 * The st_mode bits of Linux (stat(2), inode(7)) as 9P2000.L carries them in Rgetattr, Tsetattr,
 * Tlcreate, Tmkdir and Tmknod: the file type (S_IFMT) and the permission, set-id and sticky bits.
 * Every Linux architecture has the same values. Also the dirent type (d_type) of Rreaddir and the
 * qid type that go with a mode.
 */
public final class LinuxFileMode {
    private LinuxFileMode() {}

    /** Mask of the file type bits. */
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

    /** The dirent type (DT_DIR, DT_REG, ...) of a file with this mode; DT_UNKNOWN for a type Linux does not have. */
    public static int direntType(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> DirEntry.DT_DIR;
            case S_IFREG -> DirEntry.DT_REG;
            case S_IFLNK -> DirEntry.DT_LNK;
            case S_IFIFO -> DirEntry.DT_FIFO;
            case S_IFSOCK -> DirEntry.DT_SOCK;
            case S_IFCHR -> DirEntry.DT_CHR;
            case S_IFBLK -> DirEntry.DT_BLK;
            default -> DirEntry.DT_UNKNOWN;
        };
    }

    /** The qid type (QTDIR, QTSYMLINK, QTFILE) of a file with this mode. */
    public static int qidType(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> Qid.DIR;
            case S_IFLNK -> Qid.SYMLINK;
            default -> Qid.FILE;
        };
    }
}
