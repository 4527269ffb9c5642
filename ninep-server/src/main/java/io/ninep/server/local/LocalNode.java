package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.WireString;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.StatFs;
import io.ninep.server.local.sys.DirSyscalls;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.FileStat;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;
import io.ninep.server.local.sys.XattrSyscalls;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local file as one fid sees it: an O_PATH descriptor ({@link FileHandle}) and the attach
 * ({@link Tree}) it was walked from.
 *
 * <p>Confinement: every name a client sends is one directory entry ({@link Names}), looked up
 * ({@link Walking}) relative to the descriptor of the directory it is in, with openat2
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS and O_NOFOLLOW, or with an *at
 * call that does not follow a final symbolic link (mkdirat, mknodat, symlinkat, linkat without
 * AT_SYMLINK_FOLLOW, renameat2, unlinkat, fchownat with AT_EMPTY_PATH). A node's own file is reached through its
 * descriptor: fstat/utimensat/fchownat with AT_EMPTY_PATH, or the /proc/self/fd/N magic link,
 * which the kernel resolves to that very file (a symbolic link's magic link leads to the link
 * itself, never its target). No path is ever built from names, so a concurrent rename or a
 * planted symbolic link cannot redirect a request; "..", the one name that goes up, goes
 * through {@link Locator}, which stays beneath the attach root.
 *
 * <p>Permissions are checked by the kernel, as the attached user ({@link Tree#actor}).
 * Work on a descriptor that checks nothing (fstat, fstatfs, readlink) runs on the caller's thread.
 *
 * <p>Thread-safe: the state is the descriptor, which the kernel serialises.
 */
final class LocalNode implements FileNode {
    final Tree tree;
    final FileHandle handle;
    private final long qidPath;
    private final AtomicBoolean released = new AtomicBoolean();

    /** Takes over one reference to {@code handle}; takes one on {@code tree}. */
    LocalNode(Tree tree, FileHandle handle) {
        this.tree = tree.retain();
        this.handle = handle;
        this.qidPath = tree.qids().path(handle.key.dev(), handle.key.ino());
    }

    private LocalFileServer server() {
        return tree.server;
    }

    @Override
    public Qid qid() throws IOException {
        return new Qid(LinuxFileMode.qidType(handle.type), tree.qids().version(StatSyscalls.fstat(handle.fd, handle)), qidPath);
    }

    @Override
    public FileNode duplicate() {
        return new LocalNode(tree, handle.retain());
    }

    // ---- walk

    @Override
    public List<FileNode> walk(List<String> names) throws IOException {
        if (names.isEmpty() || names.size() > io.ninep.protocol.P9.MAX_WALK_ELEMENTS) {
            throw new ErrnoException(Errno.EINVAL, "walk of " + names.size() + " names");
        }
        List<Walking.Step> steps = tree.actor.call(() -> Walking.steps(tree, handle, names));
        List<FileNode> nodes = new ArrayList<>(steps.size());
        for (Walking.Step s : steps) {
            FileHandle h = s.root() ? tree.root.retain() : new FileHandle(s.fd(), s.stat(), s.name());
            nodes.add(new LocalNode(tree, h));
        }
        return nodes;
    }

    // ---- open and create

    @Override
    public OpenFile open(int linuxFlags) throws IOException {
        int host = OpenFlags.toHost(linuxFlags);
        if (OpenFlags.modifies(host)) {
            server().checkWritable();
        }
        if (handle.isDirectory()) {
            if (OpenFlags.writable(host)) {
                throw ErrnoException.of(Errno.EISDIR, handle.name);
            }
            int fd = tree.actor.call(() -> FdSyscalls.open(handle.procPath(),
                    LinuxAbi.O_RDONLY | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, handle));
            return new LocalDirectory(tree, handle, fd);
        }
        if ((linuxFlags & LinuxOpenFlags.O_DIRECTORY) != 0) {
            throw ErrnoException.of(Errno.ENOTDIR, handle.name);
        }
        if (handle.isSymlink()) {
            throw new ErrnoException(Errno.ELOOP, handle.name + ": a symbolic link is not opened on the server");
        }
        if (!handle.isRegular()) {
            throw new ErrnoException(Errno.ENXIO, handle.name + ": special files are not opened on the server");
        }
        int fd = tree.actor.call(() -> FdSyscalls.open(handle.procPath(), host | LinuxAbi.O_CLOEXEC, handle));
        if ((host & LinuxAbi.O_TRUNC) != 0) {
            tree.qids().changed(handle.key);
        }
        return new LocalFile(tree, handle, fd, host);
    }

    @Override
    public Created create(String name, int linuxFlags, int mode, int gid) throws IOException {
        server().checkWritable();
        requireDirectory();
        byte[] bytes = Names.entry(name);
        int host = OpenFlags.toHost(linuxFlags);
        boolean exclusive = (linuxFlags & LinuxOpenFlags.O_EXCL) != 0;
        Making.Owner owner = owner(gid);
        String subject = Names.printable(name);
        Making.Made made = tree.actor.callWithGroup(gid,
                () -> Making.createFile(handle, bytes, subject, host, exclusive, mode, owner));
        FileHandle created = new FileHandle(made.pathFd(), made.stat(), name);
        if ((host & LinuxAbi.O_TRUNC) != 0) {
            tree.qids().changed(created.key);
        }
        LocalNode node = new LocalNode(tree, created);
        return new Created(node, new LocalFile(tree, created, made.fd(), host));
    }

    @Override
    public Qid mkdir(String name, int mode, int gid) throws IOException {
        server().checkWritable();
        requireDirectory();
        byte[] bytes = Names.entry(name);
        Making.Owner owner = owner(gid);
        String subject = Names.printable(name);
        FileStat st = tree.actor.callWithGroup(gid, () -> Making.mkdir(handle, bytes, subject, mode, owner));
        return tree.qids().qid(st);
    }

    @Override
    public Qid symlink(String name, String target, int gid) throws IOException {
        server().checkWritable();
        requireDirectory();
        byte[] bytes = Names.entry(name);
        byte[] to = WireString.toBytes(target);
        for (byte b : to) {
            if (b == 0) {
                throw new ErrnoException(Errno.EINVAL, "a symbolic link target holds a NUL byte");
            }
        }
        Making.Owner owner = owner(gid);
        String subject = Names.printable(name);
        FileStat st = tree.actor.callWithGroup(gid, () -> Making.symlink(handle, bytes, subject, to, owner));
        return tree.qids().qid(st);
    }

    @Override
    public Qid mknod(String name, int mode, int major, int minor, int gid) throws IOException {
        server().checkWritable();
        requireDirectory();
        byte[] bytes = Names.entry(name);
        int type = mode & LinuxFileMode.S_IFMT;
        if (type == LinuxFileMode.S_IFCHR || type == LinuxFileMode.S_IFBLK) {
            throw new ErrnoException(Errno.EPERM, Names.printable(name) + ": device nodes are not made on the server");
        }
        if (type != LinuxFileMode.S_IFIFO && type != LinuxFileMode.S_IFSOCK) {
            throw new ErrnoException(Errno.EINVAL, Names.printable(name) + ": mknod makes fifos and sockets only");
        }
        Making.Owner owner = owner(gid);
        String subject = Names.printable(name);
        FileStat st = tree.actor.callWithGroup(gid, () -> Making.mknod(handle, bytes, subject, mode, owner));
        return tree.qids().qid(st);
    }

    private Making.Owner owner(int gid) {
        return new Making.Owner(gid, tree.actor.appliesCreationGroup(), tree.actor.privileged());
    }

    // ---- links, renames, removal

    @Override
    public void link(String name, FileNode target) throws IOException {
        server().checkWritable();
        requireDirectory();
        byte[] bytes = Names.entry(name);
        LocalNode from = sameServer(target);
        String subject = Names.printable(name);
        tree.actor.call(() -> {
            DirSyscalls.linkat(LinuxAbi.AT_FDCWD, from.handle.procPath(), handle.fd, bytes, LinuxAbi.AT_SYMLINK_FOLLOW,
                    subject);
            return null;
        });
    }

    @Override
    public void rename(FileNode newDirectory, String newName) throws IOException {
        server().checkWritable();
        byte[] bytes = Names.entry(newName);
        LocalNode to = sameServer(newDirectory);
        tree.actor.call(() -> {
            Locator.Location at = Locator.locate(tree.root, handle);
            try {
                DirSyscalls.renameat2(at.parentFd(), at.name(), to.handle.fd, bytes, 0, handle.name);
            } finally {
                at.close();
            }
            return null;
        });
    }

    @Override
    public void renameAt(String oldName, FileNode newDirectory, String newName) throws IOException {
        server().checkWritable();
        requireDirectory();
        byte[] from = Names.entry(oldName);
        byte[] to = Names.entry(newName);
        LocalNode dir = sameServer(newDirectory);
        String subject = Names.printable(oldName);
        tree.actor.call(() -> {
            DirSyscalls.renameat2(handle.fd, from, dir.handle.fd, to, 0, subject);
            return null;
        });
    }

    @Override
    public void unlinkAt(String name, int flags) throws IOException {
        server().checkWritable();
        requireDirectory();
        if ((flags & ~LinuxAbi.AT_REMOVEDIR) != 0) {
            throw new ErrnoException(Errno.EINVAL, "unlinkat flags 0x" + Integer.toHexString(flags));
        }
        byte[] bytes = Names.entry(name);
        String subject = Names.printable(name);
        tree.actor.call(() -> {
            DirSyscalls.unlinkat(handle.fd, bytes, flags, subject);
            return null;
        });
    }

    @Override
    public void remove() throws IOException {
        server().checkWritable();
        int flags = handle.isDirectory() ? LinuxAbi.AT_REMOVEDIR : 0;
        tree.actor.call(() -> {
            Locator.Location at = Locator.locate(tree.root, handle);
            try {
                DirSyscalls.unlinkat(at.parentFd(), at.name(), flags, handle.name);
            } finally {
                at.close();
            }
            return null;
        });
    }

    @Override
    public String readlink() throws IOException {
        if (!handle.isSymlink()) {
            throw new ErrnoException(Errno.EINVAL, handle.name + ": not a symbolic link");
        }
        return WireString.fromBytes(DirSyscalls.readlink(handle.fd, handle));
    }

    // ---- attributes

    @Override
    public Attr getattr(long mask) throws IOException {
        return Attrs.of(StatSyscalls.fstat(handle.fd, handle), tree.qids(), qidPath);
    }

    @Override
    public void setattr(SetAttr changes) throws IOException {
        int valid = changes.valid();
        if ((valid & ~SetAttr.CTIME) == 0) {
            return;   // nothing, or only "update ctime", which every other change does anyway
        }
        server().checkWritable();
        if ((valid & SetAttr.SIZE) != 0 && handle.isDirectory()) {
            throw ErrnoException.of(Errno.EISDIR, handle.name);
        }
        tree.actor.call(() -> {
            Attrs.apply(handle, changes);
            return null;
        });
        if ((valid & SetAttr.SIZE) != 0) {
            tree.qids().changed(handle.key);
        }
    }

    @Override
    public StatFs statfs() throws IOException {
        return StatSyscalls.fstatfs(handle.fd, handle);
    }

    // ---- extended attributes, through the magic link (f*xattr refuse O_PATH descriptors)

    @Override
    public byte[] getxattr(String name) throws IOException {
        byte[] n = Names.text(name, "attribute name");
        return tree.actor.call(() -> XattrSyscalls.getxattr(handle.procPath(), n, handle));
    }

    @Override
    public byte[] listxattr() throws IOException {
        return tree.actor.call(() -> XattrSyscalls.listxattr(handle.procPath(), handle));
    }

    @Override
    public void setxattr(String name, byte[] value, int flags) throws IOException {
        server().checkWritable();
        byte[] n = Names.text(name, "attribute name");
        if ((flags & ~(LinuxAbi.XATTR_CREATE | LinuxAbi.XATTR_REPLACE)) != 0) {
            throw new ErrnoException(Errno.EINVAL, "setxattr flags 0x" + Integer.toHexString(flags));
        }
        tree.actor.call(() -> {
            XattrSyscalls.setxattr(handle.procPath(), n, value, flags, handle);
            return null;
        });
    }

    @Override
    public void removexattr(String name) throws IOException {
        server().checkWritable();
        byte[] n = Names.text(name, "attribute name");
        tree.actor.call(() -> {
            XattrSyscalls.removexattr(handle.procPath(), n, handle);
            return null;
        });
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            handle.release();
            tree.release();
        }
    }

    // ---- helpers

    private void requireDirectory() throws ErrnoException {
        if (!handle.isDirectory()) {
            throw ErrnoException.of(Errno.ENOTDIR, handle.name);
        }
    }

    private LocalNode sameServer(FileNode other) throws ErrnoException {
        if (other instanceof LocalNode n && n.tree.server == tree.server) {
            return n;
        }
        throw new ErrnoException(Errno.EXDEV, "the other file is not in this export");
    }

    @Override
    public String toString() {
        return "LocalNode[" + handle.name + " " + handle.key + "]";
    }
}
