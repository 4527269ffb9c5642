package io.ninep.server.local;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.Qid;
import io.ninep.server.local.sys.FdSyscalls;
import io.ninep.server.local.sys.IoSyscalls;
import io.ninep.server.local.sys.LinuxAbi;
import io.ninep.server.local.sys.StatSyscalls;
import io.ninep.server.lock.LockHandle;
import io.ninep.server.lock.RangeLock;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.FileSpan;
import io.ninep.server.spi.IncomingBytes;
import io.ninep.server.spi.LockStatus;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A regular file opened for I/O: a real descriptor, used with pread/pwrite through FFM (never a
 * FileChannel, which closes itself when a thread blocked in it is interrupted).
 *
 * <p>Reads run on the caller's thread: the open checked the permission, and a read changes
 * nothing. Writes run as the user, as the kernel's write path depends on the writer's
 * credentials (a write by someone without CAP_FSETID clears the set-user-ID and set-group-ID
 * bits; quotas and file-size limits apply to the writer).
 *
 * <p>Thread-safe: reads and writes at different offsets may run at once, as pread/pwrite allow.
 */
final class LocalFile implements OpenFile {
    private final Tree tree;
    private final int fd;
    private final int flags;
    private final FileKey key;
    private final String name;
    private final long qidPath;
    private final LockHandle locks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private SpanChannel spanChannel;   // opened at the first span; guarded by this
    private boolean spanChannelTried;  // guarded by this
    /** Asked at the file's first read or write; two first ones racing both ask, and get the same answer. */
    private volatile Boolean sizedFileSystem;

    /** Takes over {@code fd}; {@code file} is only read for its identity. */
    LocalFile(Tree tree, FileHandle file, int fd, int hostFlags) {
        this.tree = tree;
        this.fd = fd;
        this.flags = hostFlags;
        this.key = file.key;
        this.name = file.name;
        this.qidPath = tree.qids().path(key.dev(), key.ino());
        this.locks = tree.server.locks().handle(key);
    }

    @Override
    public Qid qid() throws IOException {
        return new Qid(Qid.FILE, tree.qids().version(StatSyscalls.fstat(fd, name)), qidPath);
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (!OpenFlags.readable(flags)) {
            throw new ErrnoException(Errno.EBADF, name + ": not open for reading");
        }
        return IoSyscalls.pread(fd, dst, offset, name);
    }

    /** The bytes as a span of a channel on this descriptor (and of its mapping); null if no channel can be had. */
    @Override
    public FileSpan span(long offset, int count) throws IOException {
        if (!OpenFlags.readable(flags)) {
            throw new ErrnoException(Errno.EBADF, name + ": not open for reading");
        }
        SpanChannel channel = spanChannel();
        if (channel == null) {
            return null;
        }
        long size = StatSyscalls.size(fd, name);
        int n = (int) Math.max(0, Math.min(count, size - offset));
        return channel.span(offset, n);
    }

    /**
     * A regular file of a local file system whose sizes hold (the ones spans are made on: tmpfs,
     * ext4, xfs, btrfs, ...): a read or a write copies from or into the page cache, or waits for
     * the disk. On any other (NFS, FUSE, procfs) it may wait for the network or a program.
     */
    @Override
    public boolean transfersWithoutWaiting() {   // asked for every Tread and Twrite: no lock
        Boolean sized = sizedFileSystem;
        if (sized == null) {
            sized = SpanChannel.onSizedFileSystem(fd, name);
            sizedFileSystem = sized;
        }
        return sized;
    }

    private synchronized SpanChannel spanChannel() {
        if (!spanChannelTried) {
            spanChannelTried = true;
            spanChannel = transfersWithoutWaiting() ? SpanChannel.open(fd, name) : null;
        }
        return spanChannel;
    }

    @Override
    public int write(long offset, ByteBuffer src) throws IOException {
        if (!OpenFlags.writable(flags)) {
            throw new ErrnoException(Errno.EBADF, name + ": not open for writing");
        }
        int n = tree.actor.call(() -> IoSyscalls.pwrite(fd, src, offset, name));
        tree.qids().changed(key);
        return n;
    }

    /** Writable and not O_APPEND (splice(2) refuses appending files; pwrite appends on its own). */
    @Override
    public boolean receivesDirectly() {
        return OpenFlags.writable(flags) && (flags & LinuxAbi.O_APPEND) == 0;
    }

    /**
     * The payload goes from the socket into the file with one copy (splice(2)); the steps that
     * write the file run as the user, each its own task for a credential worker, while the
     * socket is read on the request's thread.
     */
    @Override
    public int write(long offset, IncomingBytes src) throws IOException {
        if (!OpenFlags.writable(flags)) {
            throw new ErrnoException(Errno.EBADF, name + ": not open for writing");
        }
        int n = src.writeTo(fd, offset, step -> tree.actor.call(() -> {
            step.run();
            return null;
        }));
        tree.qids().changed(key);
        return n;
    }

    @Override
    public void fsync(boolean dataOnly) throws IOException {
        IoSyscalls.fsync(fd, dataOnly, name);
    }

    @Override
    public LockStatus lock(LockRequest request) throws IOException {
        checkLockMode(request.type());
        return locks.lock(request);
    }

    @Override
    public LockRequest getlock(LockRequest request) throws IOException {
        return locks.getlock(request);
    }

    /** fcntl(2): a read lock needs the file open for reading, a write lock open for writing (EBADF). */
    private void checkLockMode(int type) throws ErrnoException {
        if (type == RangeLock.READ && !OpenFlags.readable(flags)) {
            throw new ErrnoException(Errno.EBADF, name + ": a read lock needs the file open for reading");
        }
        if (type == RangeLock.WRITE && !OpenFlags.writable(flags)) {
            throw new ErrnoException(Errno.EBADF, name + ": a write lock needs the file open for writing");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            locks.close();
            FdSyscalls.close(fd);
            SpanChannel channel;
            synchronized (this) {
                channel = spanChannel;
            }
            if (channel != null) {
                channel.release();   // closes now, or when the last span still being sent is released
            }
        }
    }
}
