package io.ninep.client.nio;

import io.ninep.client.Fid;
import io.ninep.client.RequestCancelledException;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.message.Tlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link FileChannel} on an open fid. 9P reads and writes name their offset; the channel
 * keeps the position. A read or write of a large buffer is split into requests of at most
 * msize - 24 bytes with {@code window} of them in flight ({@link Fid#readAll}), so one call on a
 * 16 MiB buffer costs a few round trips, not hundreds.
 *
 * <ul>
 *   <li>APPEND: each write goes at the size the server reports just before it, and the fid is
 *       opened with O_APPEND, so a server that honours it appends atomically even if another
 *       client writes in between ({@link #position()} is then the size, as in the JDK).
 *   <li>SYNC and DSYNC: each write is followed by Tfsync (in 9P2000 and .u, by the Twstat that
 *       changes nothing, which stat(5) makes a request to commit the file).
 *   <li>DELETE_ON_CLOSE: the file is removed by its path when the channel is closed, if it is
 *       still there.
 *   <li>Locks are POSIX record locks on the server (Tlock, 9P2000.L); a blocking
 *       {@link #lock} asks again while the server answers BLOCKED, as Linux's v9fs does. Locks
 *       that overlap one held through another channel in this JVM are refused with
 *       {@link java.nio.channels.OverlappingFileLockException}, as the JDK does within a JVM
 *       (the server sees one process and would merge them).
 *   <li>{@link #map} is not supported.
 * </ul>
 *
 * <p>An interrupt flushes the request in flight, closes the channel and throws
 * {@link ClosedByInterruptException}, as FileChannel promises. Closing the file system closes
 * the channel.
 */
final class NinepFileChannel extends FileChannel {
    private final Operations ops;
    private final NinepFileSystem fs;
    private final NinepPath path;
    private final Fid fid;
    private final Options.Open options;
    private final ReentrantLock positionLock = new ReentrantLock();   // guards position
    private long position;

    NinepFileChannel(Operations ops, NinepPath path, Fid fid, Options.Open options) {
        this.ops = ops;
        this.fs = ops.fs();
        this.path = path;
        this.fid = fid;
        this.options = options;
        fs.register(this);
    }

    NinepPath path() {
        return path;
    }

    Fid fid() {
        return fid;
    }

    // ---- Reading ----

    @Override
    public int read(ByteBuffer dst) throws IOException {
        checkReadable();
        positionLock.lock();
        try {
            int n = readAt(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        } finally {
            positionLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        checkReadable();
        positionLock.lock();
        try {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer b = dsts[i];
                int want = b.remaining();
                int n = readAt(b, position);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                position += n;
                total += n;
                if (n < want) {
                    break;
                }
            }
            return total;
        } finally {
            positionLock.unlock();
        }
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        checkReadable();
        return readAt(dst, at);
    }

    private int readAt(ByteBuffer dst, long at) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            int n = fid.readAll(at, dst);
            return n == 0 ? -1 : n;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    // ---- Writing ----

    @Override
    public int write(ByteBuffer src) throws IOException {
        checkWritable();
        positionLock.lock();
        try {
            long at = options.append() ? sizeNow() : position;
            int n = writeAt(src, at);
            position = at + n;
            return n;
        } finally {
            positionLock.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        checkWritable();
        positionLock.lock();
        try {
            long at = options.append() ? sizeNow() : position;
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += writeAt(srcs[i], at + total);
            }
            position = at + total;
            return total;
        } finally {
            positionLock.unlock();
        }
    }

    @Override
    public int write(ByteBuffer src, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position " + at);
        }
        checkWritable();
        return writeAt(src, at);
    }

    private int writeAt(ByteBuffer src, long at) throws IOException {
        int n = src.remaining();
        if (n == 0) {
            return 0;
        }
        try {
            fid.writeAll(at, src);
            if (options.sync() || options.dsync()) {
                OpenFiles.commit(fs, fid, !options.sync());
            }
            return n;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    // ---- Position and size ----

    @Override
    public long position() throws IOException {
        ensureOpen();
        if (options.append()) {
            return sizeNow();
        }
        positionLock.lock();
        try {
            return position;
        } finally {
            positionLock.unlock();
        }
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        ensureOpen();
        positionLock.lock();
        try {
            position = newPosition;
            return this;
        } finally {
            positionLock.unlock();
        }
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return sizeNow();
    }

    private long sizeNow() throws IOException {
        try {
            return ops.attributes(fid).size();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        checkWritable();
        positionLock.lock();
        try {
            if (size < sizeNow()) {
                fid.truncate(size);
            }
            if (position > size) {
                position = size;
            }
            return this;
        } catch (IOException e) {
            throw failure(e);
        } finally {
            positionLock.unlock();
        }
    }

    /** Tfsync (fdatasync for {@code metaData} false); in 9P2000 and .u, the Twstat that changes nothing. */
    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        try {
            OpenFiles.commit(fs, fid, !metaData);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    // ---- Transfers ----

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        if (at < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        checkReadable();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, Transfers.chunk(fid)));
        long done = 0;
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = readAt(buf, at + done);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                target.write(buf);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
        if (at < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        checkWritable();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, Transfers.chunk(fid)));
        long done = 0;
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            writeAt(buf, at + done);
            done += n;
        }
        return done;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("a ninep file cannot be mapped into memory");
    }

    // ---- Locks ----

    @Override
    public FileLock lock(long at, long size, boolean shared) throws IOException {
        return lock(at, size, shared, true);
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) throws IOException {
        return lock(at, size, shared, false);
    }

    private FileLock lock(long at, long size, boolean shared, boolean wait) throws IOException {
        if (at < 0 || size < 0) {
            throw new IllegalArgumentException("negative position or size");
        }
        ensureOpen();
        if (shared && !options.read()) {
            throw new NonReadableChannelException();
        }
        if (!shared && !options.write()) {
            throw new NonWritableChannelException();
        }
        if (fs.dialect() != Dialect.P9P2000_L) {
            throw new UnsupportedOperationException("locks need 9P2000.L (Tlock)");
        }
        try {
            return NinepFileLock.acquire(this, at, size, shared, wait);
        } catch (FileLockInterruptionException e) {
            throw e;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Where this channel's locks are kept in the JVM's table. */
    FileLocks.Key lockKey() {
        return fs.lockKey(fid.qid().path());
    }

    void unlock(NinepFileLock l) throws IOException {
        try {
            if (isOpen()) {
                fid.lock(Tlock.UNLCK, 0, l.position(), NinepFileLock.length(l.size()));
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            FileLocks.JVM.remove(lockKey(), l);
        }
    }

    // ---- Closing and failing ----

    /** Clunks the fid (which also drops its locks on the server), then DELETE_ON_CLOSE. */
    @Override
    protected void implCloseChannel() throws IOException {
        fs.unregister(this);
        FileLocks.JVM.removeAll(lockKey(), this);
        OpenFiles.clunk(ops, fid, path, options.deleteOnClose());
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private void checkReadable() throws ClosedChannelException {
        ensureOpen();
        if (!options.read()) {
            throw new NonReadableChannelException();
        }
    }

    private void checkWritable() throws ClosedChannelException {
        ensureOpen();
        if (!options.write()) {
            throw new NonWritableChannelException();
        }
    }

    /**
     * The exception for a failed request: closed channel exceptions as FileChannel has them
     * (an interrupt closes the channel), else the java.nio.file one.
     */
    private IOException failure(IOException e) {
        if (e instanceof RequestCancelledException c && c.reason() == RequestCancelledException.Reason.INTERRUPTED) {
            try {
                close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            ClosedByInterruptException x = new ClosedByInterruptException();
            x.initCause(e);
            return x;
        }
        if (!isOpen() || !fs.isOpen()) {
            AsynchronousCloseException x = new AsynchronousCloseException();
            x.initCause(e);
            return x;
        }
        return Errors.translate(fs, e, path, null);
    }

    @Override
    public String toString() {
        return "channel on " + path + " (" + fid + ")";
    }
}
