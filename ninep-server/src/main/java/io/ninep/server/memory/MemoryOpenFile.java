package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Tlock;
import io.ninep.server.lock.LockHandle;
import io.ninep.server.spi.BufferSpan;
import io.ninep.server.spi.DirectorySink;
import io.ninep.server.spi.IncomingBytes;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The open files of a {@link MemoryFileServer}: a regular file, a directory, a synthetic file.
 * All take POSIX locks through the server's shared lock table, keyed by the inode.
 */
abstract sealed class MemoryOpenFile implements OpenFile {
    final Inode inode;
    private final LockHandle locks;
    final boolean readable;
    final boolean writable;

    MemoryOpenFile(MemoryFileServer fs, Inode inode, int flags) {
        this.inode = inode;
        this.locks = fs.locks.handle(inode);
        this.readable = LinuxOpenFlags.reads(flags);
        this.writable = LinuxOpenFlags.writes(flags);
    }

    @Override
    public Qid qid() {
        return inode.qid();
    }

    /** fcntl(2): a read lock needs the file open for reading, a write lock for writing. */
    @Override
    public LockStatus lock(LockRequest request) throws IOException {
        if (request.type() == Tlock.RDLCK && !readable || request.type() == Tlock.WRLCK && !writable) {
            throw new ErrnoException(Errno.EBADF, "a " + (request.type() == Tlock.RDLCK ? "read" : "write")
                    + " lock needs the file open for " + (request.type() == Tlock.RDLCK ? "reading" : "writing"));
        }
        return locks.lock(request);
    }

    @Override
    public LockRequest getlock(LockRequest request) throws IOException {
        return locks.getlock(request);
    }

    @Override
    public void close() throws IOException {
        locks.close();
    }

    /** A regular file's bytes. */
    static final class RegularOpen extends MemoryOpenFile {
        private final MemoryFileServer fs;
        private final Inode.Regular file;
        private final boolean append;

        /** For a file just created: the caller already counted the open. */
        RegularOpen(MemoryFileServer fs, Inode.Regular file, int flags) {
            super(fs, file, flags);
            this.fs = fs;
            this.file = file;
            this.append = (flags & LinuxOpenFlags.O_APPEND) != 0;
        }

        static RegularOpen open(MemoryFileServer fs, Inode.Regular file, int flags, boolean truncate) throws ErrnoException {
            fs.tree.writeLock().lock();
            try {
                file.opens++;
            } finally {
                fs.tree.writeLock().unlock();
            }
            if (truncate) {
                file.rw.writeLock().lock();
                try {
                    if (file.pages.size() != 0) {
                        file.pages.truncate(0);
                        file.modified();
                    }
                } finally {
                    file.rw.writeLock().unlock();
                }
            }
            return new RegularOpen(fs, file, flags);
        }

        @Override
        public int read(long offset, ByteBuffer dst) throws IOException {
            if (!readable) {
                throw new ErrnoException(Errno.EBADF, "not open for reading");
            }
            file.rw.readLock().lock();
            try {
                return file.pages.read(offset, dst);
            } finally {
                file.rw.readLock().unlock();
            }
        }

        /** Pages in memory, under a lock that no write holds while its payload arrives. */
        @Override
        public boolean transfersWithoutWaiting() {
            return true;
        }

        /** Views of the pages, sent as they are: see {@link Pages#span}. */
        @Override
        public BufferSpan bufferSpan(long offset, int count) throws IOException {
            if (!readable) {
                throw new ErrnoException(Errno.EBADF, "not open for reading");
            }
            file.rw.readLock().lock();
            try {
                return file.pages.span(offset, count);
            } finally {
                file.rw.readLock().unlock();
            }
        }

        @Override
        public int write(long offset, ByteBuffer src) throws IOException {
            if (!writable) {
                throw new ErrnoException(Errno.EBADF, "not open for writing");
            }
            file.rw.writeLock().lock();
            try {
                int n = file.pages.write(append ? file.pages.size() : offset, src);
                file.modified();
                return n;
            } finally {
                file.rw.writeLock().unlock();
            }
        }

        /** Not O_APPEND: where an appending write lands is known only under the lock. */
        @Override
        public boolean receivesIntoBuffers() {
            return writable && !append;
        }

        /**
         * The payload goes from the connection into pages of the pool with the kernel's one copy,
         * outside the file's lock (a slow client holds no other request up); then, under it, the
         * pages become the file's: see {@link Pages#install}.
         */
        @Override
        public int write(long offset, IncomingBytes src) throws IOException {
            if (!writable) {
                throw new ErrnoException(Errno.EBADF, "not open for writing");
            }
            if (src.count() == 0) {
                return 0;
            }
            PageRun run = new PageRun(fs.space.pool, offset, src.count());
            try {
                src.readInto(run.views());
                file.rw.writeLock().lock();
                try {
                    int n = file.pages.install(run);
                    file.modified();
                    return n;
                } finally {
                    file.rw.writeLock().unlock();
                }
            } finally {
                run.discard();
            }
        }

        @Override
        public void close() throws IOException {
            super.close();
            fs.tree.writeLock().lock();
            try {
                file.opens--;
                file.freeIfGone();
            } finally {
                fs.tree.writeLock().unlock();
            }
        }
    }

    /**
     * A directory's entries: "." (cookie 1), ".." (cookie 2), then the entries in the order they
     * were made, each with the cookie it got then. Cookies only grow, so an offset stays good
     * however the directory changes.
     */
    static final class DirectoryOpen extends MemoryOpenFile {
        private final MemoryFileServer fs;
        private final Inode.Directory dir;
        private final Inode.Directory root;

        DirectoryOpen(MemoryFileServer fs, Inode.Directory dir, Inode.Directory root) {
            super(fs, dir, LinuxOpenFlags.O_RDONLY);
            this.fs = fs;
            this.dir = dir;
            this.root = root;
        }

        @Override
        public int read(long offset, ByteBuffer dst) throws IOException {
            throw new ErrnoException(Errno.EISDIR, Errno.EISDIR.text());
        }

        @Override
        public void readdir(long offset, DirectorySink sink) {
            fs.tree.readLock().lock();
            try {
                if (offset < 1 && !sink.add(dir.qid(), 1, DirEntry.DT_DIR, ".")) {
                    return;
                }
                if (offset < 2) {
                    Inode.Directory up = dir == root || dir.parent == null ? dir : dir.parent;
                    if (!sink.add(up.qid(), 2, DirEntry.DT_DIR, "..")) {
                        return;
                    }
                }
                long from = Math.max(offset, 2);
                for (Map.Entry<Long, Inode.Entry> me : dir.byCookie.tailMap(from, false).entrySet()) {
                    Inode.Entry e = me.getValue();
                    if (!sink.add(e.inode().qid(), e.cookie(), e.inode().direntType(), e.name())) {
                        return;
                    }
                }
            } finally {
                fs.tree.readLock().unlock();
            }
        }
    }

    /** An open of a file a program publishes. */
    static final class SyntheticOpen extends MemoryOpenFile {
        private final SyntheticContent.Handle handle;

        SyntheticOpen(MemoryFileServer fs, Inode.Synthetic file, int flags, SyntheticContent.Handle handle) {
            super(fs, file, flags);
            this.handle = handle;
        }

        @Override
        public int read(long offset, ByteBuffer dst) throws IOException {
            return handle.read(offset, dst);
        }

        @Override
        public int write(long offset, ByteBuffer src) throws IOException {
            return handle.write(offset, src);
        }

        @Override
        public void close() throws IOException {
            try {
                handle.close();
            } finally {
                super.close();
            }
        }
    }
}
