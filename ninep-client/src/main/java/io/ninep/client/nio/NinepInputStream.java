package io.ninep.client.nio;

import io.ninep.client.Fid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code Files.newInputStream}: reads ahead in chunks that grow from 64 KiB to
 * {@link Transfers#chunk} (the window's worth of full requests, 1 to 8 MiB) as the file turns
 * out large, each chunk read with {@code window} requests in flight. A caller's read of at
 * least a chunk goes straight into the caller's array. So a small file costs one Tread and a
 * large one streams at the speed of the window, whatever size the caller reads in (8 KiB for
 * a BufferedReader, 16 KiB for transferTo).
 *
 * <p>Between chunks the window drains (one round trip per chunk of 1 to 8 MiB).
 */
final class NinepInputStream extends InputStream {
    private final Operations ops;
    private final NinepPath path;
    private final Fid fid;
    private final boolean deleteOnClose;
    private final int maxChunk;
    private final ReentrantLock lock = new ReentrantLock();   // guards everything below
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private int chunk = Transfers.FIRST_CHUNK;
    private long offset;   // the file offset of the next read from the server
    private boolean eof;
    private boolean closed;

    NinepInputStream(Operations ops, NinepPath path, Fid fid, boolean deleteOnClose) {
        this.ops = ops;
        this.path = path;
        this.fid = fid;
        this.deleteOnClose = deleteOnClose;
        this.maxChunk = Transfers.chunk(fid);
        ops.fs().register(this);
    }

    @Override
    public int read() throws IOException {
        lock.lock();
        try {
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            return buffer.get() & 0xFF;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            ensureOpen();
            if (!buffer.hasRemaining()) {
                if (eof) {
                    return -1;
                }
                if (len >= chunk) {   // large enough: straight into the caller's array
                    int n = readAt(ByteBuffer.wrap(b, off, len));
                    return n == 0 ? -1 : n;
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Reads from the server at {@link #offset} into {@code dst}; a short read is the end of the file. */
    private int readAt(ByteBuffer dst) throws IOException {
        int want = dst.remaining();
        int n;
        try {
            n = fid.readAll(offset, dst);
        } catch (IOException e) {
            throw Errors.translate(ops.fs(), e, path, null);
        }
        offset += n;
        if (n < want) {
            eof = true;   // readAll returns less than asked only at the end of the file
        }
        return n;
    }

    private boolean fill() throws IOException {
        ensureOpen();
        if (eof) {
            return false;
        }
        if (buffer.capacity() < chunk) {
            buffer = ByteBuffer.allocate(chunk);
        }
        buffer.clear();
        int n = readAt(buffer);
        buffer.flip();
        if (n == buffer.capacity()) {
            chunk = Math.min(chunk * 2, maxChunk);
        }
        return n > 0;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        lock.lock();
        try {
            ensureOpen();
            int inBuffer = (int) Math.min(n, buffer.remaining());
            buffer.position(buffer.position() + inBuffer);
            long rest = n - inBuffer;
            if (rest > 0 && !eof) {
                long size = ops.attributes(fid).size();
                rest = Math.max(0, Math.min(rest, size - offset));
                offset += rest;
            } else {
                rest = 0;
            }
            return inBuffer + rest;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            return buffer.remaining();
        } finally {
            lock.unlock();
        }
    }

    /** Writes each chunk to {@code out} as it arrives, without copying through a small buffer. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        lock.lock();
        try {
            long total = 0;
            chunk = maxChunk;
            while (buffer.hasRemaining() || fill()) {
                int n = buffer.remaining();
                out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
                buffer.position(buffer.limit());
                total += n;
            }
            return total;
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        OpenFiles.checkStreamOpen(closed, ops.fs());
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            buffer = ByteBuffer.allocate(0);
        } finally {
            lock.unlock();
        }
        ops.fs().unregister(this);
        OpenFiles.clunk(ops, fid, path, deleteOnClose);
    }
}
