package io.ninep.cli.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Buffers of {@code chunk} bytes taken in turn from a region of native memory, so that a blast
 * touches as much memory as a large file read or written through a large buffer does, instead of
 * one buffer that never leaves the caches. A region no larger than the chunk is that one buffer.
 */
final class Region implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory;
    private final int chunk;
    private final long slots;
    private long next;

    Region(int chunk, long bytes) {
        this.chunk = chunk;
        this.slots = Math.max(1, bytes / chunk);
        this.memory = arena.allocate(slots * chunk, 4096);
    }

    /** The next buffer, cleared: position 0, limit {@code chunk}. */
    ByteBuffer next() {
        long at = (next++ % slots) * chunk;
        return memory.asSlice(at, chunk).asByteBuffer();
    }

    @Override
    public void close() {
        arena.close();
    }
}
