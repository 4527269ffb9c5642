package io.ninep.transport.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The counters of one connection, or of a server's connections added up, at one moment.
 *
 * <p>"Requests" are T-messages other than Tversion and Tflush, counted when they go on the wire
 * (client) or come off it (server); Tflushes are counted apart. Every request that is counted
 * ends in exactly one way: replied (possibly with an error: {@link #errors}), {@link #flushed},
 * replied although a Tflush raced it ({@link #flushRaces}), or {@link #failed}. So, once nothing
 * is in flight, {@code requests = replied + flushed + failed}, where replied includes the races.
 *
 * @param connections open connections: 1 or 0 (closed) for one connection, the open ones for a server
 * @param inFlight requests (Tflushes included) not yet finished. Client: queued for the writer
 *     or on the wire, until the reply or Rflush has been taken in. Server: received and not yet
 *     answered, or answered and still writing their reply
 * @param requests requests sent (client) or received (server); Tversion and Tflush not included
 * @param flushes Tflushes sent (client) or received (server)
 * @param flushed requests a Tflush ended without a reply: the Rflush came alone (client), or the
 *     handler gave up when interrupted and only the Rflush was written (server)
 * @param flushRaces requests that were flushed but whose reply won the race and was taken as
 *     their result (flush(5): "the client must honor the response as if it had not been flushed")
 * @param errors replies that were errors (Rerror, Rlerror): received (client) or sent (server).
 *     The client also counts a reply too large for the buffer it set aside; the server counts
 *     its refusals (tag in use, too many requests) and a refused Tversion
 * @param failed requests that ended without an answer because the connection ended (client:
 *     closed or lost; server: closed, or reset by a Tversion)
 * @param bytesIn bytes of 9P frames received, headers included (Tversion/Rversion too)
 * @param bytesOut bytes of 9P frames sent, headers included (server: counted when a reply is
 *     queued, so a client that stops reading has them counted before the socket takes them)
 * @param msize the negotiated msize (a server: the largest of its open connections'; 0 for none)
 * @param pool the connection's buffer pool by size class (a server: its connections' pools,
 *     classes of the same name and capacity added up)
 */
public record MetricsSnapshot(int connections, long inFlight, long requests, long flushes, long flushed,
                              long flushRaces, long errors, long failed, long bytesIn, long bytesOut, int msize,
                              List<PoolUse> pool) {

    /** Nothing counted: what a server with no connection yet reports. */
    public static final MetricsSnapshot EMPTY = new MetricsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());

    public MetricsSnapshot {
        pool = List.copyOf(Objects.requireNonNull(pool, "pool"));
    }

    /** Buffers lent out now, over every size class. */
    public long poolInUse() {
        long n = 0;
        for (PoolUse p : pool) {
            n += p.inUse();
        }
        return n;
    }

    /** Bytes the pools hold, lent or idle. */
    public long poolBytes() {
        long n = 0;
        for (PoolUse p : pool) {
            n += p.bytes();
        }
        return n;
    }

    /**
     * Only what grows: the gauges (connections, in flight, msize, pool) zeroed. What a server
     * keeps of a connection that has closed.
     */
    public MetricsSnapshot totals() {
        return new MetricsSnapshot(0, 0, requests, flushes, flushed, flushRaces, errors, failed, bytesIn, bytesOut,
                0, List.of());
    }

    /**
     * The sum of this and {@code other}: counters and gauges added, msize the larger, pool
     * classes of the same name and capacity added up (in the order first seen).
     */
    public MetricsSnapshot plus(MetricsSnapshot other) {
        List<PoolUse> merged = new ArrayList<>(pool);
        for (PoolUse p : other.pool) {
            int i = indexOf(merged, p);
            if (i < 0) {
                merged.add(p);
            } else {
                PoolUse q = merged.get(i);
                merged.set(i, new PoolUse(q.sizeClass(), q.capacity(), q.inUse() + p.inUse(), q.buffers() + p.buffers()));
            }
        }
        return new MetricsSnapshot(connections + other.connections, inFlight + other.inFlight,
                requests + other.requests, flushes + other.flushes, flushed + other.flushed,
                flushRaces + other.flushRaces, errors + other.errors, failed + other.failed,
                bytesIn + other.bytesIn, bytesOut + other.bytesOut, Math.max(msize, other.msize), merged);
    }

    private static int indexOf(List<PoolUse> list, PoolUse p) {
        for (int i = 0; i < list.size(); i++) {
            PoolUse q = list.get(i);
            if (q.sizeClass().equals(p.sizeClass()) && q.capacity() == p.capacity()) {
                return i;
            }
        }
        return -1;
    }
}
