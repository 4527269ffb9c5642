package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.server.spi.Identity;

/**
 * The user a {@link MemoryNode} acts for, and what POSIX lets that user do to an inode: the
 * owner's bits or the others' bits (there are no groups), root passing every check except
 * executing a file no one may execute, and the sticky-directory rule.
 */
final class Caller {
    static final int R = 4;
    static final int W = 2;
    static final int X = 1;

    private final MemoryFileServer fs;
    private final Identity who;

    Caller(MemoryFileServer fs, Identity who) {
        this.fs = fs;
        this.who = who;
    }

    int uid() {
        return fs.uidOf(who);
    }

    /** POSIX access by owner or "other" bits; uid 0 passes, except execute of a file no one may execute. */
    boolean allowed(Inode i, int want) {
        int uid = uid();
        int perm = i.permissions;
        if (uid == 0) {
            return (want & X) == 0 || i.isDirectory() || (perm & 0111) != 0;
        }
        int bits = uid == i.uid ? (perm >>> 6) & 7 : perm & 7;
        return (bits & want) == want;
    }

    void require(Inode i, int want) throws ErrnoException {
        if (!allowed(i, want)) {
            throw new ErrnoException(Errno.EACCES, Errno.EACCES.text());
        }
    }

    boolean owns(Inode i) {
        int uid = uid();
        return uid == 0 || uid == i.uid;
    }

    /** The sticky bit: in such a directory only the owner of a file or of the directory may remove it. */
    void checkSticky(Inode.Directory d, Inode victim) throws ErrnoException {
        int uid = uid();
        if ((d.permissions & LinuxFileMode.S_ISVTX) != 0 && uid != 0 && uid != d.uid && uid != victim.uid) {
            throw new ErrnoException(Errno.EPERM, "sticky directory: not the owner");
        }
    }
}
