package io.ninep.server.memory;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A file of a {@link MemoryFileServer} tree, whatever names it has: its attributes, and in each
 * subclass what it holds.
 *
 * <p>Locks: the server's {@code tree} lock guards every directory's entries, every parent link
 * and every link count; an inode's own {@link #rw} lock guards its other attributes and its
 * content. The tree lock is taken first when both are needed.
 */
abstract sealed class Inode {
    final MemoryFileServer fs;
    /** The qid path: unique for the server's life. */
    final long path;
    /** The file type bits (S_IFMT) never change; the qid type follows from them. */
    final int type;
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    // Guarded by rw.
    int permissions;
    int uid;
    int gid;
    long atime;
    long mtime;
    long ctime;
    final long btime;
    /** Bumped at every change of content; the qid version. */
    volatile int version;
    Map<String, byte[]> xattrs;

    /** Changed under the tree lock; read without it. */
    volatile int nlink;
    /** The entries that name this inode (one for a directory; none once unlinked); guarded by the tree lock. */
    final java.util.List<Entry> links = new java.util.ArrayList<>(1);

    Inode(MemoryFileServer fs, int type, int permissions, int uid, int gid) {
        this.fs = fs;
        this.path = fs.nextPath();
        this.type = type;
        this.permissions = permissions & LinuxFileMode.PERMISSIONS;
        this.uid = uid;
        this.gid = gid;
        long now = MemoryFileServer.now();
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
        this.btime = now;
        this.nlink = 1;
    }

    Qid qid() {
        return new Qid(LinuxFileMode.qidType(type), version, path);
    }

    int mode() {
        return type | permissions;
    }

    boolean isDirectory() {
        return type == LinuxFileMode.S_IFDIR;
    }

    /** The size stat reports; rw held. */
    abstract long size();

    long rdev() {
        return 0;
    }

    /** Marks a change of content: mtime, ctime and the version. rw held for writing. */
    void modified() {
        long now = MemoryFileServer.now();
        mtime = now;
        ctime = now;
        version++;
    }

    /** {@link #modified()}, taking rw for writing. */
    void markModified() {
        rw.writeLock().lock();
        try {
            modified();
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Marks a change of attributes (a name added or lost): ctime. Takes rw for writing. */
    void markChanged() {
        rw.writeLock().lock();
        try {
            ctime = MemoryFileServer.now();
        } finally {
            rw.writeLock().unlock();
        }
    }

    Attr attr() {
        rw.readLock().lock();
        try {
            long size = size();
            return new Attr(Attr.BASIC | Attr.BTIME | Attr.GEN | Attr.DATA_VERSION, qid(), mode(), uid, gid,
                    nlink, rdev(), size, 4096, (size + 511) / 512,
                    atime / 1_000_000_000L, atime % 1_000_000_000L, mtime / 1_000_000_000L, mtime % 1_000_000_000L,
                    ctime / 1_000_000_000L, ctime % 1_000_000_000L, btime / 1_000_000_000L, btime % 1_000_000_000L,
                    0, Integer.toUnsignedLong(version));
        } finally {
            rw.readLock().unlock();
        }
    }

    int direntType() {
        return LinuxFileMode.direntType(type);
    }

    /** A directory: its entries by name, and by cookie for readdir. */
    static final class Directory extends Inode {
        /** Cookies 1 and 2 are "." and ".."; entries start at 3 and only grow. */
        static final long FIRST_COOKIE = 3;

        // Guarded by the tree lock.
        final Map<String, Entry> byName = new HashMap<>();
        final TreeMap<Long, Entry> byCookie = new TreeMap<>();
        private long nextCookie = FIRST_COOKIE;
        /** The directory holding this one; null for the root and after removal. */
        Directory parent;
        /** This directory's name in its parent. */
        String name;
        boolean removed;

        Directory(MemoryFileServer fs, Directory parent, String name, int permissions, int uid, int gid) {
            super(fs, LinuxFileMode.S_IFDIR, permissions, uid, gid);
            this.parent = parent;
            this.name = name;
            this.nlink = 2;
        }

        @Override
        long size() {
            return 4096;
        }

        Entry add(String entryName, Inode inode) {
            Entry e = new Entry(this, entryName, inode, nextCookie++);
            byName.put(entryName, e);
            byCookie.put(e.cookie(), e);
            inode.links.add(e);
            return e;
        }

        Entry remove(String entryName) {
            Entry e = byName.remove(entryName);
            if (e != null) {
                byCookie.remove(e.cookie());
                e.inode().links.remove(e);
            }
            return e;
        }

        /** Whether {@code d} is this directory or lies below it. */
        boolean contains(Directory d) {
            for (Directory x = d; x != null; x = x.parent) {
                if (x == this) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A name in a directory; its cookie is where readdir continues after it. */
    record Entry(Directory dir, String name, Inode inode, long cookie) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A regular file whose bytes live in memory. */
    static final class Regular extends Inode {
        final Pages pages;
        /** Open files on it; guarded by the tree lock. */
        int opens;
        /** Nodes on it (a fid each) not yet released. */
        final AtomicInteger nodes = new AtomicInteger();
        /** Set, under the tree lock, when its last name goes; for good, since a file without one cannot be linked. */
        private volatile boolean nameless;

        Regular(MemoryFileServer fs, int permissions, int uid, int gid) {
            super(fs, LinuxFileMode.S_IFREG, permissions, uid, gid);
            this.pages = new Pages(fs.space);
        }

        @Override
        long size() {
            return pages.size();
        }

        /** A name of it went away (nlink already counts it); tree write lock held. */
        void lostName() {
            if (nlink == 0) {
                nameless = true;
            }
            freeIfGone();
        }

        /**
         * A node let go of it. Without the tree lock, which only the release of the last node of a
         * nameless file takes: the node's decrement and the unlink's {@code nameless} are both
         * volatile and each is made before the other is read, so at least one of the two sees the
         * other's and frees the pages.
         */
        void releaseNode() {
            if (nodes.decrementAndGet() == 0 && nameless) {
                fs.tree.writeLock().lock();
                try {
                    freeIfGone();
                } finally {
                    fs.tree.writeLock().unlock();
                }
            }
        }

        /**
         * Gives the pages back if nothing can reach the file any more: no name, no open file, no
         * node (a fid walked to it may still open it). Tree write lock held.
         */
        void freeIfGone() {
            if (nlink == 0 && opens == 0 && nodes.get() == 0) {
                rw.writeLock().lock();
                try {
                    pages.free();
                } finally {
                    rw.writeLock().unlock();
                }
            }
        }
    }

    static final class Symlink extends Inode {
        final String target;

        Symlink(MemoryFileServer fs, String target, int uid, int gid) {
            super(fs, LinuxFileMode.S_IFLNK, 0777, uid, gid);
            this.target = target;
        }

        @Override
        long size() {
            return io.ninep.protocol.WireString.encodedLength(target);
        }
    }

    /** A fifo or a socket: a name and attributes; the client's kernel does the rest. */
    static final class Special extends Inode {
        Special(MemoryFileServer fs, int type, int permissions, int uid, int gid) {
            super(fs, type, permissions, uid, gid);
        }

        @Override
        long size() {
            return 0;
        }
    }

    /** A file a program publishes: what reads and writes do is the program's. */
    static final class Synthetic extends Inode {
        final SyntheticContent content;

        Synthetic(MemoryFileServer fs, int permissions, SyntheticContent content) {
            super(fs, LinuxFileMode.S_IFREG, permissions, 0, 0);
            this.content = content;
        }

        @Override
        long size() {
            return content.size();
        }
    }

    /** xattrs in insertion order, created on first use; rw held for writing. */
    Map<String, byte[]> xattrsForWrite() {
        if (xattrs == null) {
            xattrs = new LinkedHashMap<>();
        }
        return xattrs;
    }
}
