package io.ninep.client.rpc;

import java.util.List;

/**
 * The requests waiting for the writer thread, oldest first, linked through the requests
 * themselves so that queueing allocates nothing and a cancelled request leaves in O(1). Tflushes
 * go to the front: their targets are on the wire already. Not thread-safe: the connection's lock
 * guards it.
 */
final class SendQueue {
    private Request head;
    private Request tail;
    /** The last Tflush of the run of Tflushes at the head, or null if the head is not one. */
    private Request lastFlush;

    boolean isEmpty() {
        return head == null;
    }

    void addLast(Request r) {
        r.queued = true;
        r.prevQueued = tail;
        r.nextQueued = null;
        if (tail == null) {
            head = r;
        } else {
            tail.nextQueued = r;
        }
        tail = r;
    }

    /** Queues a Tflush behind the Tflushes already queued, ahead of every ordinary request. */
    void addFlush(Request r) {
        r.queued = true;
        Request before = lastFlush;
        Request after = before == null ? head : before.nextQueued;
        r.prevQueued = before;
        r.nextQueued = after;
        if (before == null) {
            head = r;
        } else {
            before.nextQueued = r;
        }
        if (after == null) {
            tail = r;
        } else {
            after.prevQueued = r;
        }
        lastFlush = r;
    }

    void remove(Request r) {
        if (!r.queued) {
            throw new IllegalStateException(r + " is not queued");
        }
        if (r == lastFlush) {
            lastFlush = r.prevQueued;
        }
        if (r.prevQueued == null) {
            head = r.nextQueued;
        } else {
            r.prevQueued.nextQueued = r.nextQueued;
        }
        if (r.nextQueued == null) {
            tail = r.prevQueued;
        } else {
            r.nextQueued.prevQueued = r.prevQueued;
        }
        r.prevQueued = null;
        r.nextQueued = null;
        r.queued = false;
    }

    /** Takes the oldest request off the queue, or null. */
    Request poll() {
        Request r = head;
        if (r != null) {
            remove(r);
        }
        return r;
    }

    /** Moves every queued request to {@code into}. */
    void drainTo(List<Request> into) {
        for (Request r = poll(); r != null; r = poll()) {
            into.add(r);
        }
    }
}
