package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.StatFs;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.message.Txattrcreate;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileMode;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import io.ninep.server.spi.OpenFlags;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fid's view of an inode of a {@link MemoryFileServer}: the inode, the user acting, the root
 * of the attach (where ".." stops) and the directory and name it was walked through (what Tremove
 * and Trename act on). Immutable; safe for concurrent calls.
 */
final class MemoryNode implements FileNode {
    static final int R = 4;
    static final int W = 2;
    static final int X = 1;
    /** NAME_MAX: longer names are refused, as a Linux file system would. */
    static final int NAME_MAX = 255;
    static final int XATTR_NAME_MAX = 255;

    private final MemoryFileServer fs;
    final Inode inode;
    private final Identity who;
    private final Inode.Directory root;
    /** The directory this node was walked from, and the name it was found under; null for an attach root. */
    private final Inode.Directory dir;
    private final String name;

    MemoryNode(MemoryFileServer fs, Inode inode, Identity who, Inode.Directory root, Inode.Directory dir, String name) {
        this.fs = fs;
        this.inode = inode;
        this.who = who;
        this.root = root;
        this.dir = dir;
        this.name = name;
    }

    @Override
    public Qid qid() {
        return inode.qid();
    }

    @Override
    public FileNode duplicate() {
        return new MemoryNode(fs, inode, who, root, dir, name);
    }

    // ---- permissions -----------------------------------------------------------------------------

    private int uid() {
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

    private void require(Inode i, int want) throws ErrnoException {
        if (!allowed(i, want)) {
            throw new ErrnoException(Errno.EACCES, Errno.EACCES.text());
        }
    }

    private boolean owns(Inode i) {
        int uid = uid();
        return uid == 0 || uid == i.uid;
    }

    private void checkWritable() throws ErrnoException {
        if (fs.isReadOnly()) {
            throw new ErrnoException(Errno.EROFS, Errno.EROFS.text());
        }
    }

    private static void checkName(String n) throws ErrnoException {
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.EINVAL, "'" + n + "' is not one directory entry");
        }
        if (WireString.encodedLength(n) > NAME_MAX) {
            throw new ErrnoException(Errno.ENAMETOOLONG, Errno.ENAMETOOLONG.text());
        }
    }

    private Inode.Directory directory() throws ErrnoException {
        if (inode instanceof Inode.Directory d) {
            return d;
        }
        throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
    }

    private static Inode.Directory directoryOf(FileNode node, MemoryFileServer fs) throws ErrnoException {
        if (!(node instanceof MemoryNode m) || m.fs != fs) {
            throw new ErrnoException(Errno.EXDEV, "not a file of this tree");
        }
        if (m.inode instanceof Inode.Directory d) {
            return d;
        }
        throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
    }

    /** The group of a new file: a set-group-ID directory's, else the one the client sent, else the directory's. */
    private static int gidFor(Inode.Directory d, int gid) {
        return gid == P9.NONUNAME || (d.permissions & FileMode.S_ISGID) != 0 ? d.gid : gid;
    }

    // ---- names ---------------------------------------------------------------------------------

    @Override
    public List<FileNode> walk(List<String> names) throws IOException {
        List<FileNode> out = new ArrayList<>(names.size());
        fs.tree.readLock().lock();
        try {
            Inode cur = inode;
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                try {
                    if (!(cur instanceof Inode.Directory d)) {
                        throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
                    }
                    require(d, X);
                    Inode next;
                    Inode.Directory nextDir;
                    String nextName;
                    if (n.equals("..")) {
                        if (d == root) {
                            next = d;
                        } else if (d.parent == null) {
                            throw new ErrnoException(Errno.ENOENT, "the directory was removed");
                        } else {
                            next = d.parent;
                        }
                        Inode.Directory nd = (Inode.Directory) next;
                        nextDir = nd == root ? null : nd.parent;
                        nextName = nd == root ? null : nd.name;
                    } else {
                        if (WireString.encodedLength(n) > NAME_MAX) {
                            throw new ErrnoException(Errno.ENAMETOOLONG, Errno.ENAMETOOLONG.text());
                        }
                        Inode.Entry e = d.byName.get(n);
                        if (e == null) {
                            throw new ErrnoException(Errno.ENOENT, Errno.ENOENT.text());
                        }
                        next = e.inode();
                        nextDir = d;
                        nextName = n;
                    }
                    out.add(new MemoryNode(fs, next, who, root, nextDir, nextName));
                    cur = next;
                } catch (ErrnoException e) {
                    if (i == 0) {
                        throw e;
                    }
                    break;
                }
            }
        } finally {
            fs.tree.readLock().unlock();
        }
        return out;
    }

    @Override
    public OpenFile open(int flags) throws IOException {
        boolean writes = OpenFlags.writes(flags);
        boolean truncates = (flags & OpenFlags.O_TRUNC) != 0;
        if (writes || truncates) {
            checkWritable();
        }
        switch (inode) {
            case Inode.Directory d -> {
                if (writes || truncates) {
                    throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
                }
                require(d, R);
                return new MemoryOpenFile.DirectoryOpen(fs, d, root);
            }
            case Inode.Symlink s -> throw new ErrnoException(Errno.ELOOP, "a symbolic link cannot be opened");
            case Inode.Special s -> throw new ErrnoException(Errno.ENXIO, "fifos and sockets are the client's to open");
            default -> { }
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) {
            throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
        }
        if (OpenFlags.reads(flags)) {
            require(inode, R);
        }
        if (writes || truncates) {
            require(inode, W);
            if (inode instanceof Inode.Synthetic s && !s.content.writable()) {
                throw new ErrnoException(Errno.EACCES, "this file cannot be written");
            }
        }
        return switch (inode) {
            case Inode.Regular r -> MemoryOpenFile.RegularOpen.open(fs, r, flags, truncates);
            case Inode.Synthetic s -> new MemoryOpenFile.SyntheticOpen(fs, s, flags, s.content.open(flags));
            default -> throw new ErrnoException(Errno.EINVAL, "cannot open this file");
        };
    }

    @Override
    public Created create(String n, int flags, int mode, int gid) throws IOException {
        checkWritable();
        checkName(n);
        Inode.Directory d = directory();
        Inode.Regular r;
        fs.tree.writeLock().lock();
        try {
            prepareNewEntry(d, n);
            r = new Inode.Regular(fs, mode, uid(), gidFor(d, gid));
            d.add(n, r);
            r.opens++;
            touchDirectory(d);
        } finally {
            fs.tree.writeLock().unlock();
        }
        // A file created for writing opens for writing whatever its new mode says (creat(2)).
        return new Created(new MemoryNode(fs, r, who, root, d, n), new MemoryOpenFile.RegularOpen(fs, r, flags));
    }

    /** Checks that {@code n} can be added to {@code d}: tree write lock held. */
    private void prepareNewEntry(Inode.Directory d, String n) throws ErrnoException {
        if (d.removed) {
            throw new ErrnoException(Errno.ENOENT, "the directory was removed");
        }
        require(d, W | X);
        if (d.byName.containsKey(n)) {
            throw new ErrnoException(Errno.EEXIST, Errno.EEXIST.text());
        }
    }

    private static void touchDirectory(Inode.Directory d) {
        d.rw.writeLock().lock();
        try {
            d.modified();
        } finally {
            d.rw.writeLock().unlock();
        }
    }

    @Override
    public Qid mkdir(String n, int mode, int gid) throws IOException {
        checkWritable();
        checkName(n);
        Inode.Directory d = directory();
        fs.tree.writeLock().lock();
        try {
            prepareNewEntry(d, n);
            int inherited = (d.permissions & FileMode.S_ISGID) != 0 ? FileMode.S_ISGID : 0;
            var made = new Inode.Directory(fs, d, n, mode | inherited, uid(), gidFor(d, gid));
            d.add(n, made);
            d.nlink++;
            touchDirectory(d);
            return made.qid();
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public Qid symlink(String n, String target, int gid) throws IOException {
        checkWritable();
        checkName(n);
        Inode.Directory d = directory();
        fs.tree.writeLock().lock();
        try {
            prepareNewEntry(d, n);
            var made = new Inode.Symlink(fs, target, uid(), gidFor(d, gid));
            d.add(n, made);
            touchDirectory(d);
            return made.qid();
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public Qid mknod(String n, int mode, int major, int minor, int gid) throws IOException {
        checkWritable();
        checkName(n);
        Inode.Directory d = directory();
        int type = mode & FileMode.S_IFMT;
        fs.tree.writeLock().lock();
        try {
            prepareNewEntry(d, n);
            Inode made = switch (type) {
                case FileMode.S_IFIFO, FileMode.S_IFSOCK -> new Inode.Special(fs, type, mode, uid(), gidFor(d, gid));
                case 0, FileMode.S_IFREG -> new Inode.Regular(fs, mode, uid(), gidFor(d, gid));
                case FileMode.S_IFCHR, FileMode.S_IFBLK ->
                        throw new ErrnoException(Errno.EPERM, "device files cannot be made here");
                default -> throw new ErrnoException(Errno.EINVAL, "mknod of file type 0" + Integer.toOctalString(type));
            };
            d.add(n, made);
            touchDirectory(d);
            return made.qid();
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public void link(String n, FileNode target) throws IOException {
        checkWritable();
        checkName(n);
        Inode.Directory d = directory();
        if (!(target instanceof MemoryNode t) || t.fs != fs) {
            throw new ErrnoException(Errno.EXDEV, "not a file of this tree");
        }
        if (t.inode.isDirectory()) {
            throw new ErrnoException(Errno.EPERM, "hard links to directories are not allowed");
        }
        fs.tree.writeLock().lock();
        try {
            if (t.inode.nlink == 0) {
                throw new ErrnoException(Errno.ENOENT, "the file was removed");
            }
            prepareNewEntry(d, n);
            d.add(n, t.inode);
            t.inode.nlink++;
            t.inode.rw.writeLock().lock();
            try {
                t.inode.ctime = MemoryFileServer.now();
            } finally {
                t.inode.rw.writeLock().unlock();
            }
            touchDirectory(d);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public void rename(FileNode newDirectory, String newName) throws IOException {
        checkWritable();
        Inode.Directory to = directoryOf(newDirectory, fs);
        fs.tree.writeLock().lock();
        try {
            Inode.Entry current = currentEntry();
            move(current.dir(), current.name(), to, newName);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    /**
     * The entry that names this node's file now (tree lock held): the one it was walked through
     * if that still names it, else any other, since a rename by name may have moved it.
     */
    private Inode.Entry currentEntry() throws ErrnoException {
        if (inode == root || inode == fs.rootInode) {
            throw new ErrnoException(Errno.EBUSY, "the root cannot be moved or removed");
        }
        if (dir != null) {
            Inode.Entry e = dir.byName.get(name);
            if (e != null && e.inode() == inode) {
                return e;
            }
        }
        if (inode.links.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT, "the file was removed");
        }
        return inode.links.getFirst();
    }

    @Override
    public void renameAt(String oldName, FileNode newDirectory, String newName) throws IOException {
        checkWritable();
        Inode.Directory from = directory();
        Inode.Directory to = directoryOf(newDirectory, fs);
        fs.tree.writeLock().lock();
        try {
            move(from, oldName, to, newName);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    /** rename(2) of {@code oldName} in {@code from} to {@code newName} in {@code to}; tree write lock held. */
    private void move(Inode.Directory from, String oldName, Inode.Directory to, String newName) throws ErrnoException {
        checkName(newName);
        if (from.removed || to.removed) {
            throw new ErrnoException(Errno.ENOENT, "the directory was removed");
        }
        require(from, W | X);
        require(to, W | X);
        Inode.Entry e = from.byName.get(oldName);
        if (e == null) {
            throw new ErrnoException(Errno.ENOENT, Errno.ENOENT.text());
        }
        Inode moving = e.inode();
        checkSticky(from, moving);
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
            checkSticky(to, old.inode());
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
        touchDirectory(from);
        if (to != from) {
            touchDirectory(to);
        }
        moving.rw.writeLock().lock();
        try {
            moving.ctime = MemoryFileServer.now();
        } finally {
            moving.rw.writeLock().unlock();
        }
    }

    /** The sticky bit: in such a directory only the owner of a file or of the directory may remove it. */
    private void checkSticky(Inode.Directory d, Inode victim) throws ErrnoException {
        int uid = uid();
        if ((d.permissions & FileMode.S_ISVTX) != 0 && uid != 0 && uid != d.uid && uid != victim.uid) {
            throw new ErrnoException(Errno.EPERM, "sticky directory: not the owner");
        }
    }

    /** A name of {@code victim} went away from {@code d}; tree write lock held. */
    private static void unlinked(Inode victim, Inode.Directory d) {
        victim.nlink--;
        if (victim instanceof Inode.Directory vd) {
            vd.removed = true;
            vd.parent = null;
            vd.nlink = 0;
            d.nlink--;
        } else if (victim instanceof Inode.Regular r && r.nlink == 0 && r.opens == 0) {
            r.rw.writeLock().lock();
            try {
                r.pages.free();
            } finally {
                r.rw.writeLock().unlock();
            }
        }
        victim.rw.writeLock().lock();
        try {
            victim.ctime = MemoryFileServer.now();
        } finally {
            victim.rw.writeLock().unlock();
        }
    }

    @Override
    public void unlinkAt(String n, int flags) throws IOException {
        checkWritable();
        Inode.Directory d = directory();
        fs.tree.writeLock().lock();
        try {
            unlinkEntry(d, n, (flags & Tunlinkat.AT_REMOVEDIR) != 0);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    private void unlinkEntry(Inode.Directory d, String n, boolean directory) throws ErrnoException {
        require(d, W | X);
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
        checkSticky(d, victim);
        d.remove(n);
        unlinked(victim, d);
        touchDirectory(d);
    }

    @Override
    public void remove() throws IOException {
        checkWritable();
        fs.tree.writeLock().lock();
        try {
            Inode.Entry current = currentEntry();
            unlinkEntry(current.dir(), current.name(), inode.isDirectory());
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public String readlink() throws IOException {
        if (inode instanceof Inode.Symlink s) {
            return s.target;
        }
        throw new ErrnoException(Errno.EINVAL, "not a symbolic link");
    }

    // ---- attributes --------------------------------------------------------------------------------

    @Override
    public Attr getattr(long mask) {
        return inode.attr();
    }

    @Override
    public void setattr(SetAttr c) throws IOException {
        checkWritable();
        int uid = uid();
        boolean owner = owns(inode);
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
        if ((c.has(SetAttr.ATIME) || c.has(SetAttr.MTIME)) && !owner && !allowed(inode, W)) {
            throw new ErrnoException(Errno.EACCES, Errno.EACCES.text());
        }
        if (c.has(SetAttr.SIZE)) {
            switch (inode) {
                case Inode.Directory d -> throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
                case Inode.Regular r -> require(r, W);
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
                inode.permissions = c.mode() & FileMode.PERMISSIONS;
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

    @Override
    public StatFs statfs() {
        return fs.statfs();
    }

    // ---- extended attributes -------------------------------------------------------------------------

    @Override
    public byte[] getxattr(String attr) throws IOException {
        inode.rw.readLock().lock();
        try {
            byte[] v = inode.xattrs == null ? null : inode.xattrs.get(attr);
            if (v == null) {
                throw new ErrnoException(Errno.ENODATA, Errno.ENODATA.text());
            }
            return v.clone();
        } finally {
            inode.rw.readLock().unlock();
        }
    }

    @Override
    public byte[] listxattr() {
        inode.rw.readLock().lock();
        try {
            var out = new ByteArrayOutputStream();
            if (inode.xattrs != null) {
                for (String k : inode.xattrs.keySet()) {
                    out.writeBytes(WireString.toBytes(k));
                    out.write(0);
                }
            }
            return out.toByteArray();
        } finally {
            inode.rw.readLock().unlock();
        }
    }

    @Override
    public void setxattr(String attr, byte[] value, int flags) throws IOException {
        checkWritable();
        checkXattr(attr);
        inode.rw.writeLock().lock();
        try {
            Map<String, byte[]> map = inode.xattrsForWrite();
            boolean exists = map.containsKey(attr);
            if ((flags & Txattrcreate.XATTR_CREATE) != 0 && exists) {
                throw new ErrnoException(Errno.EEXIST, Errno.EEXIST.text());
            }
            if ((flags & Txattrcreate.XATTR_REPLACE) != 0 && !exists) {
                throw new ErrnoException(Errno.ENODATA, Errno.ENODATA.text());
            }
            map.put(attr, value.clone());
            inode.ctime = MemoryFileServer.now();
        } finally {
            inode.rw.writeLock().unlock();
        }
    }

    @Override
    public void removexattr(String attr) throws IOException {
        checkWritable();
        checkXattr(attr);
        inode.rw.writeLock().lock();
        try {
            if (inode.xattrs == null || inode.xattrs.remove(attr) == null) {
                throw new ErrnoException(Errno.ENODATA, Errno.ENODATA.text());
            }
            inode.ctime = MemoryFileServer.now();
        } finally {
            inode.rw.writeLock().unlock();
        }
    }

    private void checkXattr(String attr) throws ErrnoException {
        int len = WireString.encodedLength(attr);
        if (len == 0 || len > XATTR_NAME_MAX) {
            throw new ErrnoException(Errno.ERANGE, "extended attribute name of " + len + " bytes");
        }
        if (!owns(inode) && !allowed(inode, W)) {
            throw new ErrnoException(Errno.EACCES, Errno.EACCES.text());
        }
    }

    @Override
    public String toString() {
        return "memory node " + inode.path + (name == null ? "" : " (" + name + ")");
    }
}
