package io.ninep.server.local.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native scratch memory for one system call: errno slot, C strings, small structs. Taking one
 * from the pool and giving it back costs two compare-and-sets, where a confined Arena per call
 * costs a malloc and a free per allocation.
 *
 * <p>A block is {@value #BLOCK} bytes, enough for a PATH_MAX path, a name and a statx buffer; a
 * call that needs more (a large xattr value, a heap buffer's copy) gets the rest from a confined
 * arena that closes with the scratch. Memory is not zeroed: every use writes before it reads.
 * Blocks come from automatic arenas, so a block the full pool turns away is freed by the GC.
 *
 * <p>Lock-free and never blocking (compare-and-set on a fixed array), so it is safe on the
 * credential workers, which must not wake other threads.
 */
final class Scratch implements SegmentAllocator, AutoCloseable {
    static final int BLOCK = 16 * 1024;
    private static final int SLOTS = 64;
    private static final AtomicReferenceArray<Scratch> POOL = new AtomicReferenceArray<>(SLOTS);

    private final MemorySegment block;
    private long used;
    private Arena overflow;

    private Scratch() {
        this.block = Arena.ofAuto().allocate(BLOCK, 16);
    }

    /** A scratch for the calling thread's next call. */
    static Scratch take() {
        int start = (int) (Thread.currentThread().threadId() & (SLOTS - 1));
        for (int i = 0; i < 4; i++) {
            int slot = (start + i) & (SLOTS - 1);
            Scratch s = POOL.get(slot);
            if (s != null && POOL.compareAndSet(slot, s, null)) {
                return s;
            }
        }
        return new Scratch();
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        long at = (used + byteAlignment - 1) & -byteAlignment;
        if (at + byteSize <= BLOCK) {
            used = at + byteSize;
            return block.asSlice(at, byteSize);
        }
        if (overflow == null) {
            overflow = Arena.ofConfined();
        }
        return overflow.allocate(byteSize, byteAlignment);
    }

    /** Gives the block back to the pool (or to the GC when the pool is full). */
    @Override
    public void close() {
        if (overflow != null) {
            overflow.close();
            overflow = null;
        }
        used = 0;
        int start = (int) (Thread.currentThread().threadId() & (SLOTS - 1));
        for (int i = 0; i < 4; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (POOL.get(slot) == null && POOL.compareAndSet(slot, null, this)) {
                return;
            }
        }
    }
}
