package io.ninep.cli.bench;

import java.io.IOException;

/**
 * The raw socket ping-pong run in turn with the repeats of the point it is compared with: a
 * window of it before each repeat of ninep's Tgetattr with one in flight, on the same kind of
 * thread, so that both see the same machine. Reported as the baseline "paired" ping-pong, which
 * the round-trip target prefers to the baseline family's, measured minutes apart.
 */
final class PairedPingPong implements AutoCloseable {
    private final boolean platformCallers;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private RawClient client;
    private Plan.Window window;
    private LatencyHistogram[] perRepeat;
    private double[] rates;

    /** @param platformCallers whether the point's callers are platform threads (else virtual; so is the raw server's end) */
    PairedPingPong(boolean platformCallers) {
        this.platformCallers = platformCallers;
    }

    void open(String address, int repeats) throws IOException {
        client = Baselines.openPingPong(address, !platformCallers);
        window = Plan.loop(Baselines.pingPongStep(client, histogram));
        perRepeat = new LatencyHistogram[repeats];
        rates = new double[repeats];
    }

    /** One window of {@code nanos} on a thread {@code callers} makes; kept as repeat {@code repeat} (-1: a warm-up). */
    void window(long nanos, Thread.Builder callers, int repeat) throws Exception {
        histogram.reset();
        double[] rate = new double[1];
        Exception[] failure = new Exception[1];
        callers.start(() -> {
            try {
                rate[0] = window.run(nanos);
            } catch (Exception e) {
                failure[0] = e;
            }
        }).join();
        if (failure[0] != null) {
            throw new IOException("the paired ping-pong failed: " + failure[0], failure[0]);
        }
        if (repeat >= 0) {
            perRepeat[repeat] = new LatencyHistogram();
            perRepeat[repeat].add(histogram);
            rates[repeat] = rate[0];
        }
    }

    void report(BenchContext ctx) {
        String op = (platformCallers ? "pingpong" : "pingpong-virtual") + "-paired";
        String note = "in turn with the repeats of ninep's Tgetattr x1 (memory backend), callers on "
                + (platformCallers ? "platform" : "virtual") + " threads";
        ctx.add(new Result(Family.BASELINE, "paired", "raw", "-", "tcp", op, 0, 1, 1, Metric.RATE, Summary.of(rates), note));
        Baselines.latencies("paired", "raw", "-", "tcp", op, 1, 1, perRepeat, note, ctx);
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }
}
