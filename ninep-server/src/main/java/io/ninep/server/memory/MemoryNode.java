package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.StatFs;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fid's view of an inode of a {@link MemoryFileServer}: the inode, the user acting
 * ({@link Caller}), the root of the attach (where ".." stops) and the directory and name it was
 * walked through (what Tremove and Trename act on). Immutable but for its release; safe for
 * concurrent calls.
 * {@link NameChanges}, {@link AttrChanges} and {@link MemoryXattrs} hold the rules of the
 * operations that change the tree.
 */
final class MemoryNode implements FileNode {
    private final MemoryFileServer fs;
    final Inode inode;
    private final Caller caller;
    private final Inode.Directory root;
    /** The directory this node was walked from, and the name it was found under; null for an attach root. */
    private final Inode.Directory dir;
    private final String name;
    private final AtomicBoolean released = new AtomicBoolean();

    MemoryNode(MemoryFileServer fs, Inode inode, Identity who, Inode.Directory root, Inode.Directory dir, String name) {
        this(fs, inode, new Caller(fs, who), root, dir, name);
    }

    private MemoryNode(MemoryFileServer fs, Inode inode, Caller caller, Inode.Directory root, Inode.Directory dir,
                       String name) {
        this.fs = fs;
        this.inode = inode;
        this.caller = caller;
        this.root = root;
        this.dir = dir;
        this.name = name;
        if (inode instanceof Inode.Regular r) {
            r.nodes.incrementAndGet();
        }
    }

    /** A regular file's pages may go with its last node: see {@link Inode.Regular#releaseNode}. */
    @Override
    public void release() {
        if (inode instanceof Inode.Regular r && released.compareAndSet(false, true)) {
            r.releaseNode();
        }
    }

    @Override
    public Qid qid() {
        return inode.qid();
    }

    @Override
    public FileNode duplicate() {
        return new MemoryNode(fs, inode, caller, root, dir, name);
    }

    private void checkWritable() throws ErrnoException {
        if (fs.isReadOnly()) {
            throw new ErrnoException(Errno.EROFS, Errno.EROFS.text());
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
        return gid == P9.NONUNAME || (d.permissions & LinuxFileMode.S_ISGID) != 0 ? d.gid : gid;
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
                    caller.require(d, Caller.X);
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
                        if (WireString.encodedLength(n) > NameChanges.NAME_MAX) {
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
                    out.add(new MemoryNode(fs, next, caller, root, nextDir, nextName));
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
        boolean writes = LinuxOpenFlags.writes(flags);
        boolean truncates = (flags & LinuxOpenFlags.O_TRUNC) != 0;
        if (writes || truncates) {
            checkWritable();
        }
        switch (inode) {
            case Inode.Directory d -> {
                if (writes || truncates) {
                    throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
                }
                caller.require(d, Caller.R);
                return new MemoryOpenFile.DirectoryOpen(fs, d, root);
            }
            case Inode.Symlink s -> throw new ErrnoException(Errno.ELOOP, "a symbolic link cannot be opened");
            case Inode.Special s -> throw new ErrnoException(Errno.ENXIO, "fifos and sockets are the client's to open");
            default -> { }
        }
        if ((flags & LinuxOpenFlags.O_DIRECTORY) != 0) {
            throw new ErrnoException(Errno.ENOTDIR, Errno.ENOTDIR.text());
        }
        if (LinuxOpenFlags.reads(flags)) {
            caller.require(inode, Caller.R);
        }
        if (writes || truncates) {
            caller.require(inode, Caller.W);
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

    /** Makes the inode of a new entry of directory {@code d}; runs with the tree write lock held. */
    private interface EntryMaker<I extends Inode> {
        I make(Inode.Directory d) throws ErrnoException;
    }

    /**
     * Adds entry {@code n}, made by {@code make}, to this directory: the checks of a new name,
     * then, under the tree write lock, the inode, its entry and the directory's new mtime.
     */
    private <I extends Inode> I addEntry(String n, EntryMaker<I> make) throws IOException {
        checkWritable();
        NameChanges.checkName(n);
        Inode.Directory d = directory();
        fs.tree.writeLock().lock();
        try {
            NameChanges.checkNewEntry(caller, d, n);
            I made = make.make(d);
            d.add(n, made);
            d.markModified();
            return made;
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public Created create(String n, int flags, int mode, int gid) throws IOException {
        Inode.Regular r = addEntry(n, d -> {
            var made = new Inode.Regular(fs, mode, caller.uid(), gidFor(d, gid));
            made.opens++;
            return made;
        });
        // A file created for writing opens for writing whatever its new mode says (creat(2)).
        return new Created(new MemoryNode(fs, r, caller, root, directory(), n), new MemoryOpenFile.RegularOpen(fs, r, flags));
    }

    @Override
    public Qid mkdir(String n, int mode, int gid) throws IOException {
        return addEntry(n, d -> {
            int inherited = (d.permissions & LinuxFileMode.S_ISGID) != 0 ? LinuxFileMode.S_ISGID : 0;
            var made = new Inode.Directory(fs, d, n, mode | inherited, caller.uid(), gidFor(d, gid));
            d.nlink++;
            return made;
        }).qid();
    }

    @Override
    public Qid symlink(String n, String target, int gid) throws IOException {
        return addEntry(n, d -> new Inode.Symlink(fs, target, caller.uid(), gidFor(d, gid))).qid();
    }

    @Override
    public Qid mknod(String n, int mode, int major, int minor, int gid) throws IOException {
        int type = mode & LinuxFileMode.S_IFMT;
        return addEntry(n, d -> switch (type) {
            case LinuxFileMode.S_IFIFO, LinuxFileMode.S_IFSOCK -> new Inode.Special(fs, type, mode, caller.uid(), gidFor(d, gid));
            case 0, LinuxFileMode.S_IFREG -> new Inode.Regular(fs, mode, caller.uid(), gidFor(d, gid));
            case LinuxFileMode.S_IFCHR, LinuxFileMode.S_IFBLK ->
                    throw new ErrnoException(Errno.EPERM, "device files cannot be made here");
            default -> throw new ErrnoException(Errno.EINVAL, "mknod of file type 0" + Integer.toOctalString(type));
        }).qid();
    }

    @Override
    public void link(String n, FileNode target) throws IOException {
        checkWritable();
        NameChanges.checkName(n);
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
            NameChanges.checkNewEntry(caller, d, n);
            d.add(n, t.inode);
            t.inode.nlink++;
            t.inode.markChanged();
            d.markModified();
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
            NameChanges.move(caller, current.dir(), current.name(), to, newName);
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
            NameChanges.move(caller, from, oldName, to, newName);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public void unlinkAt(String n, int flags) throws IOException {
        checkWritable();
        Inode.Directory d = directory();
        fs.tree.writeLock().lock();
        try {
            NameChanges.unlink(caller, root, d, n, (flags & Tunlinkat.AT_REMOVEDIR) != 0);
        } finally {
            fs.tree.writeLock().unlock();
        }
    }

    @Override
    public void remove() throws IOException {
        checkWritable();
        fs.tree.writeLock().lock();
        try {
            Inode.Entry current = currentEntry();
            NameChanges.unlink(caller, root, current.dir(), current.name(), inode.isDirectory());
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
        AttrChanges.apply(caller, inode, c);
    }

    @Override
    public StatFs statfs() {
        return fs.statfs();
    }

    // ---- extended attributes -------------------------------------------------------------------------

    @Override
    public byte[] getxattr(String attr) throws IOException {
        return MemoryXattrs.get(inode, attr);
    }

    @Override
    public byte[] listxattr() {
        return MemoryXattrs.list(inode);
    }

    @Override
    public void setxattr(String attr, byte[] value, int flags) throws IOException {
        checkWritable();
        MemoryXattrs.set(caller, inode, attr, value, flags);
    }

    @Override
    public void removexattr(String attr) throws IOException {
        checkWritable();
        MemoryXattrs.remove(caller, inode, attr);
    }

    @Override
    public String toString() {
        return "memory node " + inode.path + (name == null ? "" : " (" + name + ")");
    }
}
