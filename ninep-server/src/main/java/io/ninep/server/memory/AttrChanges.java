package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.SetAttr;

/**
 * Tsetattr on an inode of a {@link MemoryFileServer}: who may change what, as chmod(2),
 * chown(2), truncate(2) and utimensat(2) have it, then every change at once under the inode's
 * lock, with one ctime.
 */
final class AttrChanges {
    private AttrChanges() {}

    /** Applies {@code c} to {@code inode} as {@code caller}; the caller has checked that the tree is writable. */
    static void apply(Caller caller, Inode inode, SetAttr c) throws ErrnoException {
        int uid = caller.uid();
        boolean owner = caller.owns(inode);
        if (c.has(SetAttr.MODE) && !owner) {
            throw new ErrnoException(Errno.EPERM, "only the owner may change the mode");
        }
        if (c.has(SetAttr.UID) && uid != 0 && c.uid() != inode.uid) {
            throw new ErrnoException(Errno.EPERM, "only root may give a file away");
        }
        if (c.has(SetAttr.GID) && !owner) {
            throw new ErrnoException(Errno.EPERM, "only the owner may change the group");
        }
        boolean setsTime = c.has(SetAttr.ATIME_SET) || c.has(SetAttr.MTIME_SET);
        if (setsTime && !owner) {
            throw new ErrnoException(Errno.EPERM, "only the owner may set the times");
        }
        if ((c.has(SetAttr.ATIME) || c.has(SetAttr.MTIME)) && !owner && !caller.allowed(inode, Caller.W)) {
            throw new ErrnoException(Errno.EACCES, Errno.EACCES.text());
        }
        if (c.has(SetAttr.SIZE)) {
            switch (inode) {
                case Inode.Directory d -> throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
                case Inode.Regular r -> caller.require(r, Caller.W);
                case Inode.Synthetic s -> { }
                default -> throw new ErrnoException(Errno.EINVAL, "only a regular file has a size to set");
            }
        }
        long now = MemoryFileServer.now();
        inode.rw.writeLock().lock();
        try {
            if (c.has(SetAttr.SIZE) && inode instanceof Inode.Regular r) {
                r.pages.truncate(c.size());
                r.modified();
            }
            if (c.has(SetAttr.MODE)) {
                inode.permissions = c.mode() & LinuxFileMode.PERMISSIONS;
            }
            if (c.has(SetAttr.UID)) {
                inode.uid = c.uid();
            }
            if (c.has(SetAttr.GID)) {
                inode.gid = c.gid();
            }
            if (c.has(SetAttr.ATIME)) {
                inode.atime = c.has(SetAttr.ATIME_SET) ? c.atimeSec() * 1_000_000_000L + c.atimeNsec() : now;
            }
            if (c.has(SetAttr.MTIME)) {
                inode.mtime = c.has(SetAttr.MTIME_SET) ? c.mtimeSec() * 1_000_000_000L + c.mtimeNsec() : now;
            }
            inode.ctime = now;
        } finally {
            inode.rw.writeLock().unlock();
        }
    }
}
