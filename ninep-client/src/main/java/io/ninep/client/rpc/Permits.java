package io.ninep.client.rpc;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tag permits of one connection and who waits for them. A request takes a permit before it
 * is queued, so the writer always finds a free tag when it takes the request off the queue:
 * ordinary requests share {@value Connection#ORDINARY_TAGS}, Tflushes have
 * {@value Connection#FLUSH_TAGS} of their own, so a cancellation never waits for the tags of the
 * requests it cancels. Callers wait, they do not fail, when every ordinary permit is held.
 *
 * <p>Not thread-safe: the {@code Exchanges} lock guards it, and its conditions belong to that lock.
 */
final class Permits {
    private final ReentrantLock lock;
    private final Condition freed;
    private final Condition idle;
    private int ordinary;
    private int flush;
    private int waiters;
    private int idleWaiters;

    Permits(ReentrantLock lock) {
        this.lock = lock;
        this.freed = lock.newCondition();
        this.idle = lock.newCondition();
    }

    /** Permits held, ordinary and flush: requests queued or on the wire. */
    int held() {
        assert lock.isHeldByCurrentThread();
        return ordinary + flush;
    }

    /** Callers waiting for an ordinary permit. */
    int waiters() {
        assert lock.isHeldByCurrentThread();
        return waiters;
    }

    boolean ordinaryFree() {
        assert lock.isHeldByCurrentThread();
        return ordinary < Connection.ORDINARY_TAGS;
    }

    boolean flushFree() {
        assert lock.isHeldByCurrentThread();
        return flush < Connection.FLUSH_TAGS;
    }

    /** Takes a permit for {@code r}, which must be free (an ordinary one, or a flush one for a Tflush). */
    void take(Request r) {
        assert lock.isHeldByCurrentThread();
        if (r.isFlush) {
            flush++;
        } else {
            ordinary++;
        }
        r.hasPermit = true;
    }

    /** Gives back the permit {@code r} holds, if any, and wakes one waiter. */
    void release(Request r) {
        assert lock.isHeldByCurrentThread();
        if (!r.hasPermit) {
            return;
        }
        r.hasPermit = false;
        if (r.isFlush) {
            flush--;
        } else {
            ordinary--;
            if (waiters > 0) {
                freed.signal();
            }
        }
        if (idleWaiters > 0 && ordinary + flush == 0) {
            idle.signalAll();
        }
    }

    /** Waits until an ordinary permit is released, for at most {@code nanos} (0: no limit). */
    void awaitFreed(long nanos) throws InterruptedException {
        assert lock.isHeldByCurrentThread();
        waiters++;
        try {
            if (nanos == 0) {
                freed.await();
            } else {
                freed.awaitNanos(nanos);
            }
        } finally {
            waiters--;
        }
    }

    /** Waits until no permit is held, for at most {@code nanos}; returns the time left. */
    long awaitIdle(long nanos) throws InterruptedException {
        assert lock.isHeldByCurrentThread();
        idleWaiters++;
        try {
            return idle.awaitNanos(nanos);
        } finally {
            idleWaiters--;
        }
    }

    /** Wakes every waiter: the connection has ended. */
    void wakeAll() {
        assert lock.isHeldByCurrentThread();
        freed.signalAll();
        idle.signalAll();
    }
}
