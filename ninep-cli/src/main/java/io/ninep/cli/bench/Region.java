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
    private final Arena arena;   // null over memory the caller owns
    private final MemorySegment memory;
    private final int chunk;
    private final long slots;
    private long next;

    Region(int chunk, long bytes) {
        this.arena = Arena.ofConfined();
        this.chunk = chunk;
        this.slots = Math.max(1, bytes / chunk);
        this.memory = arena.allocate(slots * chunk, 4096);
    }

    /** Over {@code memory}, which the caller keeps and frees (the chunks that fit it whole). */
    Region(MemorySegment memory, int chunk) {
        if (memory.byteSize() < chunk) {
            throw new IllegalArgumentException("a region of " + memory.byteSize() + " bytes holds no chunk of " + chunk);
        }
        this.arena = null;
        this.chunk = chunk;
        this.slots = memory.byteSize() / chunk;
        this.memory = memory;
    }

    /** The next buffer, cleared: position 0, limit {@code chunk}. */
    ByteBuffer next() {
        long at = (next++ % slots) * chunk;
        return memory.asSlice(at, chunk).asByteBuffer();
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
