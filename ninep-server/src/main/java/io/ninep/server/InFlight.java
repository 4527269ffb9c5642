package io.ninep.server;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Tflush;
import io.ninep.transport.buffer.PoolStats;
import io.ninep.transport.metrics.MetricsSnapshot;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests of one connection in flight: the tag table, each request's way out, and the
 * flush rule of flush(5) and lib9p's srv.c.
 *
 * <p>Locks: {@code lock} guards the tag table, every request's state and attached flushes, the
 * running count, {@code closing} and the {@code idle} condition. Replies are queued in the
 * {@link ReplyQueue} while it is held, so the queue's order is the order of the table's changes:
 * a request leaves the table and queues its reply in one step, and an Rflush for a tag no longer
 * in the table is queued after that tag's reply, never before. The reply queue's own lock is
 * taken inside this one, never the other way. Neither is held across I/O or a backend call.
 * The {@link ServerObserver} is told of every request's end and every reply queued under this
 * lock, which also guards the counters it keeps of them.
 */
final class InFlight {
    private static final System.Logger LOG = System.getLogger(InFlight.class.getName());

    private final Connection connection;
    private final ReplyQueue replies;
    private final ServerObserver observer;
    private final int maxRequests;
    private final Duration closeTimeout;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when {@link #active} drops to zero. */
    private final Condition idle = lock.newCondition();

    // Guarded by lock.
    private Request[] tags = new Request[64];
    /** Requests with a thread in the tag table: what the in-flight limit counts (Tflush does not). */
    private int running;
    private boolean closing;

    /**
     * Requests (Tflush included) not yet finished: in the table, or with their reply queued and
     * their buffers not yet released. Counted without the lock; {@code idle} is signalled under it.
     */
    private final AtomicInteger active = new AtomicInteger();

    InFlight(Connection connection, ReplyQueue replies, ServerObserver observer, ServerConfig config) {
        this.connection = connection;
        this.replies = replies;
        this.observer = observer;
        this.maxRequests = config.maxRequests();
        this.closeTimeout = config.closeTimeout();
    }

    boolean holdsLock() {
        return lock.isHeldByCurrentThread();
    }

    int pending() {
        return active.get();
    }

    /** The connection's counters; {@code pool} is null before Tversion. */
    MetricsSnapshot metrics(boolean open, int msize, PoolStats pool) {
        lock.lock();
        try {
            return observer.snapshot(open, active.get(), msize, pool);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no request is pending; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (active.get() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- the reader's side -------------------------------------------------------------------

    /**
     * Puts a request in the table, or says why not: its tag is in flight (the original goes on
     * undisturbed), or the connection is at its limit of requests in flight.
     */
    RequestError admit(Request r) {
        lock.lock();
        try {
            if (lookup(r.tag) != null) {
                return new RequestError(Errno.EBADMSG, "tag " + r.tag + " is already in use by a request in flight");
            }
            if (running >= maxRequests) {
                return new RequestError(Errno.EAGAIN, "too many requests in flight on this connection (limit "
                        + maxRequests + ")");
            }
            store(r.tag, r);
            running++;
            active.incrementAndGet();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tflush: an oldtag not in flight (unknown, or already answered) gets its Rflush at once;
     * otherwise the request is interrupted and the Tflush waits for it: the request's end queues
     * its reply (unless it was aborted) and then the Rflush. Several Tflush for one request are
     * answered in the order they came, and a Tflush can itself be flushed.
     *
     * @param event the Tflush's event, or null
     */
    void flush(int tag, Tflush f, ServerRequestEvent event) {
        lock.lock();
        try {
            if (lookup(tag) != null) {
                queue(tag, connection.errorReply(new RequestError(Errno.EBADMSG,
                        "tag " + tag + " is already in use by a request in flight")), null, event);
            } else {
                Request old = lookup(f.oldTag());
                if (old == null) {
                    // Not in flight: answered at once. If it was in flight, its reply was queued
                    // when it left the table, under this lock, so this Rflush goes out after it.
                    queue(tag, Rflush.INSTANCE, null, event);
                } else {
                    Request flush = new Request(connection, tag, f, null, Request.State.WAITING);
                    flush.event = event;
                    store(tag, flush);
                    active.incrementAndGet();
                    old.attachFlush(flush);
                    if (old.state() == Request.State.RUNNING) {
                        old.transition(Request.State.RUNNING, Request.State.FLUSHING);
                        old.thread.interrupt();   // only while RUNNING: never once it has ended
                    }
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        replies.drain();
        observer.commit(event);
    }

    /**
     * Queues one reply of the reader's own (Rversion, a refusal) in order with the others, and
     * writes; then records {@code event}, the request's (if not null).
     */
    void reply(int tag, RMessage message, ServerRequestEvent event) {
        lock.lock();
        try {
            queue(tag, message, null, event);
        } finally {
            lock.unlock();
        }
        replies.drain();
        observer.commit(event);
    }

    /**
     * Every request in flight ends without a reply: Tversion (version(5)), or the connection is
     * going. Waits until they have ended; when closing, for at most the close timeout.
     */
    void abandonAll(String why, boolean close) throws InterruptedException {
        lock.lock();
        try {
            closing |= close;
            for (Request r : tags) {
                if (r == null) {
                    continue;
                }
                switch (r.state()) {
                    case RUNNING -> {
                        r.transition(Request.State.RUNNING, Request.State.RESET);
                        r.thread.interrupt();
                    }
                    case FLUSHING, WAITING -> r.transition(r.state(), Request.State.RESET);
                    case RESET, DONE -> { }
                }
            }
            long wait = closeTimeout.toNanos();
            while (active.get() > 0) {
                if (wait <= 0) {
                    int left = active.get();
                    if (closing) {
                        LOG.log(System.Logger.Level.WARNING, () -> connection.name() + ": " + left
                                + " requests ignored their interruption; closing without them");
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, () -> connection.name() + ": " + why + " still waits for "
                            + left + " requests that ignore their interruption");
                    wait = closeTimeout.toNanos();
                }
                wait = idle.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- a request's way out ---------------------------------------------------------------

    /**
     * A request's single exit: leaves the table and queues its reply (or drops it, if a Tflush
     * aborted it or the session ended), then the Rflush of every Tflush that waited for it.
     */
    void complete(Request r, RMessage reply, Throwable failure) {
        boolean aborted = failure != null && isInterruption(failure);
        boolean dropReply;
        boolean othersRunning;
        lock.lock();
        try {
            Request.State s = r.state();
            dropReply = switch (s) {
                case RUNNING -> false;
                case FLUSHING -> aborted;
                case RESET -> true;
                case WAITING, DONE -> throw new IllegalStateException(r + " completed while " + s);
            };
            r.transition(s, Request.State.DONE);
            remove(r);
            running--;
            othersRunning = running > 0;
            observer.ended(r, s, dropReply);
            if (!dropReply) {
                queue(r.tag, reply != null ? reply : connection.errorReply(failure), r, r.event);
            }
            if (!r.flushes().isEmpty()) {
                endFlushes(r);
            }
        } finally {
            lock.unlock();
        }
        // No interrupt can come now that the request has left RUNNING; clear one that came late,
        // or a socket write on this thread (if it drains the queue) would close the channel.
        Thread.interrupted();
        if (dropReply) {
            written(r);
        } else if (failure != null && reply == null) {
            logFailure(r, failure);
        }
        replies.drain(othersRunning);
    }

    /**
     * Ends the flushes waiting for {@code r}, and those waiting for them, taking them out of the
     * table and queueing their Rflushes in order; a flush of a session that was reset ends without.
     */
    private void endFlushes(Request r) {
        assert lock.isHeldByCurrentThread();
        for (Request f : r.flushes()) {
            Request.State s = f.state();
            f.transition(s, Request.State.DONE);
            remove(f);
            if (s == Request.State.RESET) {
                observer.flushReset(f);
                observer.commit(f.event);   // under the lock, but only while recording, and rare
                finished(1);
            } else {
                queue(f.tag, Rflush.INSTANCE, f, f.event);
            }
            endFlushes(f);
        }
    }

    /** A request's reply was written (or dropped): its buffers go back, and it no longer counts. */
    void written(Request r) {
        r.releaseReplyBuffer();
        observer.commit(r.event);   // before it stops counting: whoever awaits idleness finds it recorded
        finished(1);
    }

    private void finished(int n) {
        if (active.addAndGet(-n) == 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A failure that means the backend gave up because its thread was interrupted (a Tflush). */
    private static boolean isInterruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedIOException || c instanceof InterruptedException
                    || c instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private void logFailure(Request r, Throwable failure) {
        if (failure instanceof ErrnoException || failure instanceof java.nio.file.FileSystemException
                || failure instanceof InterruptedIOException || failure instanceof ClosedByInterruptException) {
            LOG.log(System.Logger.Level.DEBUG, () -> connection.name() + ": " + r + ": " + failure);
        } else {
            LOG.log(System.Logger.Level.WARNING, connection.name() + ": " + r + " failed", failure);
        }
    }

    /**
     * Queues a reply, checked against msize (lock held: the queue's order is the table's), and
     * counts it, for {@code event} too if not null.
     */
    private void queue(int tag, RMessage message, Request request, ServerRequestEvent event) {
        assert lock.isHeldByCurrentThread();
        RMessage checked = connection.checked(message);
        int spanBytes = request != null && checked == message ? request.spanBytes() : 0;
        observer.queued(checked, checked.encodedSize(replies.dialect()) + spanBytes, event);
        replies.add(tag, checked, request);
    }

    // ---- the tag table (lock held) ---------------------------------------------------------------

    private Request lookup(int tag) {
        assert lock.isHeldByCurrentThread();
        return tag < tags.length ? tags[tag] : null;
    }

    private void store(int tag, Request r) {
        assert lock.isHeldByCurrentThread();
        if (tag >= tags.length) {
            tags = Arrays.copyOf(tags, Math.min(0x10000, Integer.highestOneBit(tag) << 1));
        }
        tags[tag] = r;
    }

    private void remove(Request r) {
        assert lock.isHeldByCurrentThread();
        if (tags[r.tag] == r) {
            tags[r.tag] = null;
        }
    }
}
