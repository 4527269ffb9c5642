package io.ninep.server.memory;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page of a memory file: a direct buffer, held by its file and by every reply in flight
 * that is sent from it, and back in its pool once none of them holds it.
 */
final class Page {
    final ByteBuffer bytes;
    private final PagePool pool;
    private final AtomicInteger holds = new AtomicInteger(1);

    /** Held once, by the file that takes it. */
    Page(ByteBuffer bytes, PagePool pool) {
        this.bytes = bytes;
        this.pool = pool;
    }

    /** Another holder: only while one already holds it (the file, under its lock). */
    void retain() {
        if (holds.getAndIncrement() <= 0) {
            throw new IllegalStateException("a page back in its pool was held again");
        }
    }

    void release() {
        int left = holds.decrementAndGet();
        if (left == 0) {
            pool.recycle(bytes);
        } else if (left < 0) {
            throw new IllegalStateException("a page was released once too often");
        }
    }
}
