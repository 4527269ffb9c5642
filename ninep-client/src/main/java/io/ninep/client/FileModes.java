package io.ninep.client;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Stat;
import java.time.Instant;

/**
 * Conversions between Linux file modes ({@link LinuxFileMode}: st_mode, as 9P2000.L carries
 * them), the DM* bits of 9P2000 stat, and Tsetattr change sets, so that callers can treat every
 * dialect the same way.
 */
public final class FileModes {
    private FileModes() {}

    /** The Linux st_mode for a 9P2000(.u) stat mode. */
    public static int fromDirMode(int dm) {
        int type;
        if ((dm & Stat.DMDIR) != 0) {
            type = LinuxFileMode.S_IFDIR;
        } else if ((dm & Stat.DMSYMLINK) != 0) {
            type = LinuxFileMode.S_IFLNK;
        } else if ((dm & Stat.DMSOCKET) != 0) {
            type = LinuxFileMode.S_IFSOCK;
        } else if ((dm & Stat.DMNAMEDPIPE) != 0) {
            type = LinuxFileMode.S_IFIFO;
        } else if ((dm & Stat.DMDEVICE) != 0) {
            type = LinuxFileMode.S_IFCHR;
        } else {
            type = LinuxFileMode.S_IFREG;
        }
        int mode = type | (dm & 0777);
        if ((dm & Stat.DMSETUID) != 0) {
            mode |= LinuxFileMode.S_ISUID;
        }
        if ((dm & Stat.DMSETGID) != 0) {
            mode |= LinuxFileMode.S_ISGID;
        }
        if ((dm & Stat.DMSETVTX) != 0) {
            mode |= LinuxFileMode.S_ISVTX;
        }
        return mode;
    }

    /** The 9P2000 perm of Tcreate for a Linux mode: permission bits, DMDIR for a directory. */
    public static int toDirMode(int mode) {
        int dm = mode & 0777;
        switch (mode & LinuxFileMode.S_IFMT) {
            case LinuxFileMode.S_IFDIR -> dm |= Stat.DMDIR;
            case LinuxFileMode.S_IFLNK -> dm |= Stat.DMSYMLINK;
            case LinuxFileMode.S_IFSOCK -> dm |= Stat.DMSOCKET;
            case LinuxFileMode.S_IFIFO -> dm |= Stat.DMNAMEDPIPE;
            case LinuxFileMode.S_IFCHR, LinuxFileMode.S_IFBLK -> dm |= Stat.DMDEVICE;
            default -> { }
        }
        return dm;
    }

    /** The dirent type (DT_*) for a qid. */
    public static int direntType(Qid qid) {
        if (qid.isDirectory()) {
            return io.ninep.protocol.message.DirEntry.DT_DIR;
        }
        if (qid.isSymlink()) {
            return io.ninep.protocol.message.DirEntry.DT_LNK;
        }
        return io.ninep.protocol.message.DirEntry.DT_REG;
    }

    /**
     * 9P2000.L attributes for a 9P2000(.u) stat: mode, size, times and, in 9P2000.u, numeric
     * owner; what stat does not carry is 0 and left out of {@link Attr#valid()}.
     */
    public static Attr toAttr(Stat s) {
        long valid = Attr.MODE | Attr.SIZE | Attr.ATIME | Attr.MTIME | Attr.INO;
        int uid = 0;
        int gid = 0;
        if (s.nUid() != P9.NONUNAME) {
            valid |= Attr.UID;
            uid = s.nUid();
        }
        if (s.nGid() != P9.NONUNAME) {
            valid |= Attr.GID;
            gid = s.nGid();
        }
        return new Attr(valid, s.qid(), fromDirMode(s.mode()), uid, gid, 1, 0, s.length(), 0, 0,
                Integer.toUnsignedLong(s.atime()), 0, Integer.toUnsignedLong(s.mtime()), 0,
                Integer.toUnsignedLong(s.mtime()), 0, 0, 0, 0, 0);
    }

    // ---- Tsetattr change sets ----

    /** Change the permission bits (and set-id bits). */
    public static SetAttr chmod(int mode) {
        return new SetAttr(SetAttr.MODE, mode, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Change the owner and group. */
    public static SetAttr chown(int uid, int gid) {
        return new SetAttr(SetAttr.UID | SetAttr.GID, 0, uid, gid, 0, 0, 0, 0, 0);
    }

    /** Truncate or extend to {@code size} bytes. */
    public static SetAttr truncate(long size) {
        return new SetAttr(SetAttr.SIZE, 0, 0, 0, size, 0, 0, 0, 0);
    }

    /** Set access and modification times; a null time is left alone. */
    public static SetAttr times(Instant atime, Instant mtime) {
        int valid = 0;
        long as = 0;
        long an = 0;
        long ms = 0;
        long mn = 0;
        if (atime != null) {
            valid |= SetAttr.ATIME | SetAttr.ATIME_SET;
            as = atime.getEpochSecond();
            an = atime.getNano();
        }
        if (mtime != null) {
            valid |= SetAttr.MTIME | SetAttr.MTIME_SET;
            ms = mtime.getEpochSecond();
            mn = mtime.getNano();
        }
        return new SetAttr(valid, 0, 0, 0, 0, as, an, ms, mn);
    }
}
