package io.ninep.server;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Stat;
import io.ninep.server.spi.FileMode;

/**
 * Between 9P2000.L's attributes (what the SPI speaks) and the stat of 9P2000 and 9P2000.u
 * (stat(5)). Owners travel as decimal numbers in the uid and gid strings, and as numbers in
 * 9P2000.u's n_uid and n_gid.
 */
final class StatMapping {
    private StatMapping() {}

    static Stat toStat(Attr a, String name, Dialect d, String extension) {
        boolean unix = d == Dialect.P9P2000_U;
        int type = a.mode() & FileMode.S_IFMT;
        int mode = a.mode() & 0777;
        switch (type) {
            case FileMode.S_IFDIR -> mode |= Stat.DMDIR;
            case FileMode.S_IFLNK -> mode |= unix ? Stat.DMSYMLINK : 0;
            case FileMode.S_IFCHR, FileMode.S_IFBLK -> mode |= unix ? Stat.DMDEVICE : 0;
            case FileMode.S_IFIFO -> mode |= unix ? Stat.DMNAMEDPIPE : 0;
            case FileMode.S_IFSOCK -> mode |= unix ? Stat.DMSOCKET : 0;
            default -> { }
        }
        if (unix) {
            if ((a.mode() & FileMode.S_ISUID) != 0) {
                mode |= Stat.DMSETUID;
            }
            if ((a.mode() & FileMode.S_ISGID) != 0) {
                mode |= Stat.DMSETGID;
            }
            if ((a.mode() & FileMode.S_ISVTX) != 0) {
                mode |= Stat.DMSETVTX;
            }
        }
        long length = type == FileMode.S_IFDIR ? 0 : a.size();
        String uid = Integer.toUnsignedString(a.uid());
        String gid = Integer.toUnsignedString(a.gid());
        return new Stat(0, 0, a.qid(), mode, (int) a.atimeSec(), (int) a.mtimeSec(), length, name, uid, gid, uid,
                unix ? extension : "", unix ? a.uid() : P9.NONUNAME, unix ? a.gid() : P9.NONUNAME, P9.NONUNAME);
    }

    /**
     * The setattr a Twstat asks for; fields left "don't touch" (all ones, empty strings) or set
     * to what they already are change nothing.
     *
     * @param current the file's MODE, UID and GID
     */
    static SetAttr toSetAttr(Stat s, Attr current, boolean unix) throws ErrnoException {
        int valid = 0;
        int mode = 0;
        int uid = 0;
        int gid = 0;
        long size = 0;
        long atime = 0;
        long mtime = 0;
        if (s.mode() != -1) {
            boolean dir = FileMode.isDirectory(current.mode());
            if (((s.mode() & Stat.DMDIR) != 0) != dir) {
                throw new ErrnoException(Errno.EINVAL, "wstat cannot turn a file into a directory or back");
            }
            mode = s.mode() & 0777;
            if (unix) {
                mode |= (s.mode() & Stat.DMSETUID) != 0 ? FileMode.S_ISUID : 0;
                mode |= (s.mode() & Stat.DMSETGID) != 0 ? FileMode.S_ISGID : 0;
                mode |= (s.mode() & Stat.DMSETVTX) != 0 ? FileMode.S_ISVTX : 0;
            } else {
                mode |= current.mode() & (FileMode.S_ISUID | FileMode.S_ISGID | FileMode.S_ISVTX);
            }
            if (mode != (current.mode() & FileMode.PERMISSIONS)) {
                valid |= SetAttr.MODE;
                mode |= current.mode() & FileMode.S_IFMT;
            }
        }
        if (s.atime() != -1) {
            valid |= SetAttr.ATIME | SetAttr.ATIME_SET;
            atime = Integer.toUnsignedLong(s.atime());
        }
        if (s.mtime() != -1) {
            valid |= SetAttr.MTIME | SetAttr.MTIME_SET;
            mtime = Integer.toUnsignedLong(s.mtime());
        }
        if (s.length() != -1L) {
            valid |= SetAttr.SIZE;
            size = s.length();
        }
        int newUid = owner(unix ? s.nUid() : P9.NONUNAME, s.uid(), "uid");
        if (newUid != P9.NONUNAME && newUid != current.uid()) {
            valid |= SetAttr.UID;
            uid = newUid;
        }
        int newGid = owner(unix ? s.nGid() : P9.NONUNAME, s.gid(), "gid");
        if (newGid != P9.NONUNAME && newGid != current.gid()) {
            valid |= SetAttr.GID;
            gid = newGid;
        }
        return new SetAttr(valid, mode, uid, gid, size, atime, 0, mtime, 0);
    }

    /** The numeric owner a wstat names, or NONUNAME for "don't touch". */
    private static int owner(int number, String text, String field) throws ErrnoException {
        if (number != P9.NONUNAME) {
            return number;
        }
        if (text.isEmpty()) {
            return P9.NONUNAME;
        }
        try {
            return Integer.parseUnsignedInt(text);
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EPERM, "wstat " + field + " '" + text + "' is not a number this server knows");
        }
    }

    /** stat(5): a wstat whose every field is "don't touch" asks only for the file to be synced. */
    static boolean changesNothing(Stat s) {
        return s.mode() == -1 && s.atime() == -1 && s.mtime() == -1 && s.length() == -1L && s.name().isEmpty()
                && s.uid().isEmpty() && s.gid().isEmpty() && s.muid().isEmpty();
    }
}
