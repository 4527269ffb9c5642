package io.ninep.server.memory;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The direct buffers a tree's files keep their pages in. A page no longer held goes back here
 * and is the next one taken, so the tree's memory is reused as its files change, and never waits
 * for the garbage collector (which frees a direct buffer only when it collects the object, and
 * may not for a long while). What the tree once held therefore stays with the process, up to its
 * capacity and the pages that replies in flight still hold.
 */
final class PagePool {
    static final int PAGE = 64 * 1024;

    private final ConcurrentLinkedDeque<ByteBuffer> idle = new ConcurrentLinkedDeque<>();

    /**
     * A page held once, by the caller; {@code zeroed} if the caller will not overwrite all of it.
     * A new one is allocated when none is idle.
     */
    Page take(boolean zeroed) throws ErrnoException {
        ByteBuffer b = idle.pollFirst();
        if (b != null) {
            if (zeroed) {
                MemorySegment.ofBuffer(b).fill((byte) 0);
            }
            return new Page(b, this);
        }
        try {
            return new Page(ByteBuffer.allocateDirect(PAGE), this);
        } catch (OutOfMemoryError e) {
            throw new ErrnoException(Errno.ENOSPC, "the JVM has no direct memory left for the memory tree's pages"
                    + " (raise -XX:MaxDirectMemorySize, or give the tree a smaller capacity)");
        }
    }

    void recycle(ByteBuffer page) {
        idle.push(page);
    }

    /** Pages waiting to be taken again (counted one by one: for tests and diagnostics). */
    int idle() {
        return idle.size();
    }
}
