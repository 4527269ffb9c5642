package io.ninep.transport.metrics;

/**
 * The counters of 9P traffic, read as a {@link MetricsSnapshot}: one interface for both ends.
 * A client's connection ({@code io.ninep.client.rpc.Connection.metrics()}, also through
 * {@code Session.metrics()}) counts what it sends and receives; a server's connection
 * ({@code io.ninep.server.Connection.metrics()}) what it receives and answers; and a server
 * ({@code NinepServer.metrics()}) adds up its open connections and the totals of those that
 * have closed, so its counters never go backwards.
 *
 * <p>Counting costs the engines almost nothing: the counters are plain fields updated under
 * locks the engines already hold at those moments, or written by the one thread that reads
 * (or writes) the frames. Taking a snapshot takes those locks briefly; do it now and then (a
 * periodic summary, a health check), not per request. Every counter but the gauges
 * ({@link MetricsSnapshot#connections}, {@link MetricsSnapshot#inFlight}, {@link MetricsSnapshot#msize},
 * {@link MetricsSnapshot#pool}) only grows: subtract two snapshots for a rate.
 */
@FunctionalInterface
public interface NinepMetrics {

    /** The counters now. Each number's meaning is on {@link MetricsSnapshot}. */
    MetricsSnapshot snapshot();
}
