package io.ninep.client.rpc;

import io.ninep.client.RemoteErrorException;
import io.ninep.protocol.Errno;
import io.ninep.protocol.message.ErrorReply;
import io.ninep.transport.buffer.PoolStats;
import io.ninep.transport.metrics.MetricsSnapshot;
import io.ninep.transport.metrics.PoolUse;

/**
 * What {@link Exchanges} tells the outside world about its requests: the counters behind
 * {@link Connection#metrics()} and the Flight Recorder events ({@link ClientRequestEvent},
 * {@link ClientCloseEvent}). The engine calls it at its state transitions; nothing here decides
 * anything.
 *
 * <p>Locking: the counters are guarded by the {@code Exchanges} lock, which every method that
 * counts is called under (it is held at those transitions anyway), so counting adds no lock and
 * no atomic operation. {@link #settled} commits an event outside it. When no recording enables
 * {@value ClientRequestEvent#NAME}, the hot path costs one check of a static flag per request
 * and allocates nothing; when one does, each request object keeps its event for its next use.
 */
final class ClientObserver {
    /** Never committed: asks JFR whether the request event is enabled, without allocating. */
    private static final ClientRequestEvent PROBE = new ClientRequestEvent();

    private final String peer;
    private final long openedNanos = System.nanoTime();

    // Guarded by the Exchanges lock.
    private long requests;
    private long flushes;
    private long flushed;
    private long flushRaces;
    private long errors;
    private long failed;
    private long bytesIn;
    private long bytesOut;
    private boolean closed;

    /**
     * @param versionBytesOut the Tversion's size, sent before this connection's engine started
     * @param versionBytesIn the Rversion's size
     */
    ClientObserver(String peer, int versionBytesOut, int versionBytesIn) {
        this.peer = peer;
        this.bytesOut = versionBytesOut;
        this.bytesIn = versionBytesIn;
    }

    /** NEW -> SENT: the writer took it off the queue and gave it its tag. */
    void sent(Request r) {
        if (r.isFlush) {
            flushes++;
        } else {
            requests++;
        }
        bytesOut += r.size;
        if (PROBE.isEnabled()) {
            ClientRequestEvent e = r.event;
            if (e == null) {
                e = new ClientRequestEvent();
                r.event = e;
            }
            e.begin();
            r.timed = true;
        }
    }

    /** The reader found the request a reply of {@code size} bytes belongs to. */
    void receiving(Request r, int size) {
        bytesIn += size;
        r.replySize = size;
    }

    /** The reply of an ordinary request has been recorded in it (its state may still be FLUSHING). */
    void replied(Request r) {
        if (r.failure != null || r.reply instanceof ErrorReply) {
            errors++;
        }
    }

    /** An Rflush ended {@code target}: with its reply, if one came first, or as cancelled. */
    void flushEnded(Request target) {
        if (target.answered) {
            flushRaces++;
        } else {
            flushed++;
        }
    }

    /** {@code r} was on the wire (SENT, FLUSHING, or REPLIED waiting for an Rflush) when the connection ended. */
    void failed(Request r) {
        if (!r.isFlush) {
            failed++;
        }
    }

    /**
     * A request has ended, all is settled, and the lock is not held: records its event. For a
     * Tflush, whose end nobody waits for, this runs under the lock (rare, and only while recording).
     */
    void settled(Request r) {
        if (!r.timed) {
            return;
        }
        r.timed = false;
        ClientRequestEvent e = r.event;
        if (!e.shouldCommit()) {
            return;
        }
        e.type = r.message.type().displayName();
        e.tag = r.tag;
        e.requestBytes = r.size;
        e.replyBytes = r.answered || r.isFlush ? r.replySize : 0;
        e.errno = r.reply instanceof ErrorReply err ? RemoteErrorException.errnoOf(err)
                : r.answered && r.failure != null ? Errno.EMSGSIZE.number() : 0;
        e.outcome = switch (r.state) {
            case FAILED -> ClientRequestEvent.FAILED;
            case FLUSHED -> r.answered ? ClientRequestEvent.REPLY_WON : ClientRequestEvent.FLUSHED;
            default -> e.errno != 0 ? ClientRequestEvent.ERROR : ClientRequestEvent.REPLIED;
        };
        e.peer = peer;
        e.commit();
    }

    /** The counters now; {@code inFlight}, msize and the pool come from the engine. */
    MetricsSnapshot snapshot(long inFlight, int msize, PoolStats pool) {
        return new MetricsSnapshot(closed ? 0 : 1, inFlight, requests, flushes, flushed, flushRaces, errors, failed,
                bytesIn, bytesOut, msize, PoolUse.of(pool));
    }

    /** The connection ended (first cause only); lock held. Returns the close event to commit outside it, or null. */
    ClientCloseEvent closed(Throwable cause) {
        closed = true;
        ClientCloseEvent e = new ClientCloseEvent();
        if (!e.shouldCommit()) {
            return null;
        }
        e.peer = peer;
        e.reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        e.lifetime = System.nanoTime() - openedNanos;
        e.requests = requests;
        e.flushes = flushes;
        e.errors = errors;
        e.failed = failed;
        e.bytesIn = bytesIn;
        e.bytesOut = bytesOut;
        return e;
    }
}
