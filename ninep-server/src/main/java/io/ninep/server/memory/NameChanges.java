package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.WireString;

/**
 * The names of a {@link MemoryFileServer} tree and how they change, as a Linux file system
 * has it: what a new name may be, and rename(2) and unlink(2) with their permission checks, the
 * sticky bit, replacement of an existing target and the link counts that follow. Every method
 * but {@link #checkName} runs with the tree write lock held.
 */
final class NameChanges {
    private NameChanges() {}

    /** NAME_MAX: longer names are refused, as a Linux file system would. */
    static final int NAME_MAX = 255;

    /** Checks that {@code n} is one directory entry of at most {@link #NAME_MAX} bytes. */
    static void checkName(String n) throws ErrnoException {
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EINVAL, "'" + n + "' is not one directory entry");
        }
        if (WireString.encodedLength(n) > NAME_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG, Errno.ENAMETOOLONG.text());
        }
    }

    /** Checks that {@code caller} may add {@code n} to {@code d}. */
    static void checkNewEntry(Caller caller, Inode.Directory d, String n) throws ErrnoException {
        if (d.removed) {
            throw new ErrnoException(Errno.ENOENT, "the directory was removed");
        }
        caller.require(d, Caller.W | Caller.X);
        if (d.byName.containsKey(n)) {
            throw new ErrnoException(Errno.EEXIST, Errno.EEXIST.text());
        }
    }

    /** rename(2) of {@code oldName} in {@code from} to {@code newName} in {@code to}. */
    static void move(Caller caller, Inode.Directory from, String oldName, Inode.Directory to, String newName)
            throws ErrnoException {
        checkName(newName);
        if (from.removed || to.removed) {
            throw new ErrnoException(Errno.ENOENT, "the directory was removed");
        }
        caller.require(from, Caller.W | Caller.X);
        caller.require(to, Caller.W | Caller.X);
        Inode.Entry e = from.byName.get(oldName);
        if (e == null) {
            throw new ErrnoException(Errno.ENOENT, Errno.ENOENT.text());
        }
        Inode moving = e.inode();
        caller.checkSticky(from, moving);
        Inode.Entry old = to.byName.get(newName);
        if (old != null && old.inode() == moving) {
            return;   // rename(2): the same file under both names; nothing happens
        }
        if (moving instanceof Inode.Directory md) {
            if (md.contains(to)) {
                throw new ErrnoException(Errno.EINVAL, "a directory cannot move into itself");
            }
            if (old != null) {
                if (!(old.inode() instanceof Inode.Directory od)) {
                    throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
                }
                if (!od.byName.isEmpty()) {
                    throw new ErrnoException(Errno.ENOTEMPTY, Errno.ENOTEMPTY.text());
                }
            }
        } else if (old != null && old.inode().isDirectory()) {
            throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
        }
        if (old != null) {
            caller.checkSticky(to, old.inode());
            to.remove(newName);
            unlinked(old.inode(), to);
        }
        from.remove(oldName);
        to.add(newName, moving);
        if (moving instanceof Inode.Directory md) {
            md.parent = to;
            md.name = newName;
            if (from != to) {
                from.nlink--;
                to.nlink++;
            }
        }
        from.markModified();
        if (to != from) {
            to.markModified();
        }
        moving.markChanged();
    }

    /**
     * unlink(2) of {@code n} in {@code d}, or rmdir(2) if {@code directory}; {@code root} (the
     * attach's root) cannot be removed.
     */
    static void unlink(Caller caller, Inode.Directory root, Inode.Directory d, String n, boolean directory)
            throws ErrnoException {
        caller.require(d, Caller.W | Caller.X);
        Inode.Entry e = d.byName.get(n);
        if (e == null) {
            throw new ErrnoException(Errno.ENOENT, Errno.ENOENT.text());
        }
        Inode victim = e.inode();
        if (directory) {
            if (!(victim instanceof Inode.Directory vd)) {
                throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
            }
            if (!vd.byName.isEmpty()) {
                throw new ErrnoException(Errno.ENOTEMPTY, Errno.ENOTEMPTY.text());
            }
            if (vd == root) {
                throw new ErrnoException(Errno.EBUSY, "the root cannot be removed");
            }
        } else if (victim.isDirectory()) {
            throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
        }
        caller.checkSticky(d, victim);
        d.remove(n);
        unlinked(victim, d);
        d.markModified();
    }

    /**
     * A name of {@code victim} went away from {@code d} (a client's unlink or rename, or the
     * program's remove or replace): see {@link Inode.Regular#lostName}.
     * Tree write lock held.
     */
    static void unlinked(Inode victim, Inode.Directory d) {
        victim.nlink--;
        if (victim instanceof Inode.Directory vd) {
            vd.removed = true;
            vd.parent = null;
            vd.nlink = 0;
            d.nlink--;
        } else if (victim instanceof Inode.Regular r) {
            r.lostName();
        }
        victim.markChanged();
    }
}
