package io.ninep.transport.testing;

import io.ninep.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A transport whose reads return given bytes in chunks of sizes a test chooses (whole, one byte
 * at a time, random splits), then end of stream. Writes are collected. It counts read calls, so a
 * test can see how many times the transport was asked.
 */
public final class ScriptedReadTransport implements Transport {
    private final ByteBuffer input;
    private final IntSupplier chunkSize;
    private final List<byte[]> written = new ArrayList<>();
    private int reads;
    private long bytesIntoBuffersOf;   // bytes read into buffers of capacity watchedCapacity
    private int watchedCapacity = -1;
    private boolean open = true;

    public ScriptedReadTransport(byte[] input, IntSupplier chunkSize) {
        this.input = ByteBuffer.wrap(input);
        this.chunkSize = chunkSize;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        reads++;
        if (!input.hasRemaining()) {
            return -1;
        }
        int n = Math.min(Math.min(dst.remaining(), input.remaining()), Math.max(1, chunkSize.getAsInt()));
        dst.put(dst.position(), input, input.position(), n);
        dst.position(dst.position() + n);
        input.position(input.position() + n);
        if (dst.capacity() == watchedCapacity) {
            bytesIntoBuffersOf += n;
        }
        return n;
    }

    @Override
    public void write(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte[] b = new byte[srcs[i].remaining()];
            srcs[i].get(b);
            written.add(b);
        }
    }

    /** The byte arrays handed to write, one per buffer of each gathering write. */
    public List<byte[]> written() {
        return written;
    }

    public int reads() {
        return reads;
    }

    /** From now on, counts the bytes read into buffers of this capacity (a reader's own buffer, say). */
    public void watchBuffersOf(int capacity) {
        watchedCapacity = capacity;
    }

    public long bytesIntoWatchedBuffers() {
        return bytesIntoBuffersOf;
    }

    @Override
    public int maxMessageSize() {
        return DEFAULT_STREAM_MAX;
    }

    @Override
    public String kind() {
        return "script";
    }

    @Override
    public String peer() {
        return "script";
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
