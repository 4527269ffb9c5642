package io.ninep.client.nio;

import io.ninep.client.Fid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code Files.newOutputStream}: gathers writes into a chunk that grows from 64 KiB to
 * {@link Transfers#chunk} (the window's worth of full requests, 1 to 8 MiB) and writes each full
 * chunk with {@code window} Twrites in flight. A caller's write of at least a chunk goes
 * straight from the caller's array. {@link #flush()} writes what is gathered;
 * {@link #close()} writes it, commits it if SYNC or DSYNC was asked for, and clunks.
 *
 * <p>APPEND starts at the size of the file when it is opened and opens with O_APPEND; a server
 * that honours O_APPEND then appends even if others write in between.
 */
final class NinepOutputStream extends OutputStream {
    private final Operations ops;
    private final NinepPath path;
    private final Fid fid;
    private final Options.Open options;
    private final int maxChunk;
    private final ReentrantLock lock = new ReentrantLock();   // guards everything below
    private ByteBuffer buffer = ByteBuffer.allocate(Transfers.FIRST_CHUNK);
    private long offset;   // the file offset of the buffer's first byte
    private boolean closed;

    NinepOutputStream(Operations ops, NinepPath path, Fid fid, Options.Open options) throws IOException {
        this.ops = ops;
        this.path = path;
        this.fid = fid;
        this.options = options;
        this.maxChunk = Transfers.chunk(fid);
        if (options.append()) {
            try {
                offset = ops.attributes(fid).size();
            } catch (IOException e) {
                fid.close();
                throw Errors.translate(ops.fs(), e, path, null);
            }
        }
        ops.fs().register(this);
    }

    @Override
    public void write(int b) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (!buffer.hasRemaining()) {
                writeBuffer();
            }
            buffer.put((byte) b);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        lock.lock();
        try {
            ensureOpen();
            while (len > 0) {
                if (buffer.position() == 0 && len >= buffer.capacity()) {   // straight from the caller's array
                    writeAt(ByteBuffer.wrap(b, off, len));
                    return;
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                if (!buffer.hasRemaining()) {
                    writeBuffer();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        boolean full = buffer.remaining() == buffer.capacity();
        writeAt(buffer);
        if (full && buffer.capacity() < maxChunk) {
            buffer = ByteBuffer.allocate(Math.min(buffer.capacity() * 2, maxChunk));
        } else {
            buffer.clear();
        }
    }

    private void writeAt(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        try {
            fid.writeAll(offset, src);
        } catch (IOException e) {
            throw Errors.translate(ops.fs(), e, path, null);
        }
        offset += n;
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            writeBuffer();
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
            try {
                ensureOpen();
                writeBuffer();
                if (options.sync() || options.dsync()) {
                    OpenFiles.commit(ops.fs(), fid, !options.sync());
                }
            } catch (IOException e) {
                throw Errors.translate(ops.fs(), e, path, null);
            } finally {
                closed = true;
                ops.fs().unregister(this);
                OpenFiles.clunk(ops, fid, path, options.deleteOnClose());
            }
        } finally {
            lock.unlock();
        }
    }
}
