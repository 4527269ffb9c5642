package io.ninep.transport.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A buffer lent by a {@link BufferPool}. Whoever took it releases it exactly once; after that it
 * must not be touched (the pool hands it to someone else). A second release of a buffer that has
 * not been lent again in between is an {@link IllegalStateException}.
 *
 * <p>Handles are pooled along with their buffers, so taking one allocates nothing.
 */
public final class PooledBuffer implements AutoCloseable {
    private final BufferPool pool;
    private final ByteBuffer buffer;
    private final int classIndex;
    private volatile boolean lent;

    PooledBuffer(BufferPool pool, ByteBuffer buffer, int classIndex) {
        this.pool = pool;
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
        this.classIndex = classIndex;
    }

    /** The buffer: little-endian, position 0, limit at the size asked for when it was taken. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int capacity() {
        return buffer.capacity();
    }

    /** Index of the size class in {@link BufferPool#sizeClasses()}, or -1 for an unpooled buffer. */
    int classIndex() {
        return classIndex;
    }

    void lend(int size) {
        lent = true;
        buffer.clear().limit(size);
    }

    /** Returns the buffer to its pool. */
    public void release() {
        if (!lent) {
            throw new IllegalStateException("buffer released twice (or never taken)");
        }
        lent = false;
        pool.giveBack(this);
    }

    @Override
    public void close() {
        release();
    }
}
