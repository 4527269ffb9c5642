package io.ninep.server;

import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.message.ErrorReply;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Tversion;
import io.ninep.transport.buffer.PoolStats;
import io.ninep.transport.metrics.MetricsSnapshot;
import io.ninep.transport.metrics.PoolUse;

/**
 * What a {@link Connection} tells the outside world about its requests: the counters behind
 * {@link Connection#metrics()} and the Flight Recorder events ({@link ServerRequestEvent},
 * {@link ServerVersionEvent}, {@link ServerCloseEvent}). The engine calls it where things
 * happen: the reader when a frame arrives, {@link InFlight} when a request ends or a reply is
 * queued, the reply queue when a reply has been written. Nothing here decides anything.
 *
 * <p>Threads and locks: {@code requests}, {@code flushes} and {@code bytesIn} are written by the
 * reader thread alone (volatile, for the snapshot); the other counters are guarded by the lock of
 * the connection's {@link InFlight}, held at those moments anyway, and read under it. No lock of
 * its own. When no recording enables {@value ServerRequestEvent#NAME}, a frame costs one check
 * of a static flag and allocates nothing.
 */
final class ServerObserver {
    /** Never committed: asks JFR whether the request event is enabled, without allocating. */
    private static final ServerRequestEvent PROBE = new ServerRequestEvent();

    private final String peer;
    private final long openedNanos = System.nanoTime();

    // Written by the reader thread only.
    private volatile long requests;
    private volatile long flushes;
    private volatile long bytesIn;

    // Guarded by the InFlight lock.
    private long flushed;
    private long flushRaces;
    private long errors;
    private long failed;
    private long bytesOut;

    ServerObserver(String peer) {
        this.peer = peer;
    }

    /** Requests received so far (Tversion and Tflush not included). */
    long requests() {
        return requests;
    }

    /**
     * The reader has a frame's header (the type is a request's). Counts it, and begins its event
     * if a recording wants one.
     *
     * @return the event, or null
     */
    @SuppressWarnings("NonAtomicOperationOnVolatileField")   // one writer: the reader thread
    ServerRequestEvent received(MessageType type, int tag, int size) {
        bytesIn = bytesIn + size;
        if (type == MessageType.TFLUSH) {
            flushes = flushes + 1;
        } else if (type != MessageType.TVERSION) {
            requests = requests + 1;
        }
        if (!PROBE.isEnabled()) {
            return null;
        }
        ServerRequestEvent e = new ServerRequestEvent();
        e.begin();
        e.type = type.displayName();
        e.tag = tag;
        e.requestBytes = size;
        return e;
    }

    /** A reply of {@code size} bytes is queued (InFlight lock held), for the request of {@code e} if not null. */
    void queued(RMessage reply, int size, ServerRequestEvent e) {
        bytesOut += size;
        boolean error = reply instanceof ErrorReply;
        if (error) {
            errors++;
        }
        if (e != null) {
            e.replyBytes = size;
            e.errno = error ? errnoOf((ErrorReply) reply) : 0;
        }
    }

    /**
     * A request with a handler ended (InFlight lock held): {@code from} is the state it ended in,
     * {@code dropped} whether its reply is dropped.
     */
    void ended(Request r, Request.State from, boolean dropped) {
        String outcome = switch (from) {
            case FLUSHING -> dropped ? ServerRequestEvent.FLUSHED : ServerRequestEvent.REPLY_WON;
            case RESET -> ServerRequestEvent.FAILED;
            default -> null;   // replied or error: decided by the reply
        };
        if (outcome == ServerRequestEvent.FLUSHED) {
            flushed++;
        } else if (outcome == ServerRequestEvent.REPLY_WON) {
            flushRaces++;
        } else if (outcome == ServerRequestEvent.FAILED) {
            failed++;
        }
        if (r.event != null) {
            r.event.outcome = outcome;
        }
    }

    /** A Tflush that waited ends with the session reset: no Rflush (InFlight lock held). */
    void flushReset(Request flush) {
        if (flush.event != null) {
            flush.event.outcome = ServerRequestEvent.FAILED;
        }
    }

    /** The request's reply was written or dropped (or, for the reader's own replies, queued): records its event. */
    void commit(ServerRequestEvent e) {
        if (e == null || !e.shouldCommit()) {
            return;
        }
        if (e.outcome == null) {
            e.outcome = e.errno != 0 ? ServerRequestEvent.ERROR : ServerRequestEvent.REPLIED;
        }
        e.peer = peer;
        e.commit();
    }

    /** The counters now (InFlight lock held); the gauges come from the connection. */
    MetricsSnapshot snapshot(boolean open, long inFlight, int msize, PoolStats pool) {
        return new MetricsSnapshot(open ? 1 : 0, inFlight, requests, flushes, flushed, flushRaces, errors, failed,
                bytesIn, bytesOut, msize, pool == null ? java.util.List.of() : PoolUse.of(pool));
    }

    /** A Tversion was answered with {@code version} and {@code msize}, or refused ({@code error} not null). */
    void version(Tversion asked, long ceiling, String version, long msize, String error) {
        ServerVersionEvent e = new ServerVersionEvent();
        if (!e.shouldCommit()) {
            return;
        }
        e.peer = peer;
        e.versionAsked = asked.version();
        e.version = version;
        e.msizeAsked = Integer.toUnsignedLong(asked.msize());
        e.msizeAllowed = ceiling;
        e.msize = msize;
        e.error = error;
        e.commit();
    }

    /** The connection closed for {@code reason}; {@code last} is its final snapshot. */
    void closed(String reason, MetricsSnapshot last) {
        ServerCloseEvent e = new ServerCloseEvent();
        if (!e.shouldCommit()) {
            return;
        }
        e.peer = peer;
        e.reason = reason;
        e.lifetime = System.nanoTime() - openedNanos;
        e.requests = last.requests();
        e.flushes = last.flushes();
        e.errors = last.errors();
        e.failed = last.failed();
        e.bytesIn = last.bytesIn();
        e.bytesOut = last.bytesOut();
        e.commit();
    }

    /** The errno of an error reply: its own, else the one its text names (9P2000), else EIO. */
    private static int errnoOf(ErrorReply reply) {
        if (reply.errno() != 0) {
            return reply.errno();
        }
        Errno e = Errno.fromText(reply.text());
        return (e == null ? Errno.EIO : e).number();
    }
}
