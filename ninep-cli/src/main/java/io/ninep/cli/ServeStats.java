package io.ninep.cli;

import io.ninep.transport.metrics.MetricsSnapshot;
import io.ninep.transport.metrics.NinepMetrics;
import io.ninep.transport.metrics.PoolUse;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code ninep serve --stats}: a line on standard error every period, in the logs' format,
 * saying what the server did since the previous line:
 *
 * <pre>
 * 12:00:10.001 STATS 2 conns, 152.3 req/s, 3 in flight, 4 flushes (1 flushed, 1 reply won), 0 errors,
 *     in 12.1 KiB/s, out 30.5 KiB/s, pool 2 lent (small 2), 4.2 MiB held
 * </pre>
 *
 * (one line). Connections, requests in flight and the pool are as they are now; requests per
 * second, flushes, errors and the byte rates cover the time since the previous line (the first
 * line: since the start). Flushes are Tflushes received; "flushed" the requests they ended
 * without a reply; "reply won" those that answered anyway. The pool counts buffers lent out now
 * by size class, and the bytes the connections' pools hold.
 */
final class ServeStats implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final NinepMetrics metrics;
    private final PrintStream out;
    private final long periodNanos;
    private final Thread thread;
    private MetricsSnapshot last;
    private long lastNanos;

    private ServeStats(NinepMetrics metrics, Duration period, PrintStream out) {
        this.metrics = metrics;
        this.out = out;
        this.periodNanos = period.toNanos();
        this.last = metrics.snapshot();
        this.lastNanos = System.nanoTime();
        this.thread = Thread.ofPlatform().daemon().name("ninep serve --stats").unstarted(this::run);
    }

    /** Prints a line every {@code period} on {@code out} until closed. */
    static ServeStats start(NinepMetrics metrics, Duration period, PrintStream out) {
        ServeStats s = new ServeStats(metrics, period, out);
        s.thread.start();
        return s;
    }

    private void run() {
        long next = lastNanos + periodNanos;
        while (true) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            MetricsSnapshot now = metrics.snapshot();
            long nowNanos = System.nanoTime();
            out.println(LocalTime.now().format(TIME) + " STATS " + line(last, now, nowNanos - lastNanos));
            last = now;
            lastNanos = nowNanos;
            next += periodNanos;
            if (next <= nowNanos) {
                next = nowNanos + periodNanos;   // fell behind (a suspended process): skip the beats missed
            }
        }
    }

    /** The summary of what happened between {@code before} and {@code now}, {@code elapsedNanos} apart. */
    static String line(MetricsSnapshot before, MetricsSnapshot now, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        StringBuilder b = new StringBuilder(160);
        b.append(now.connections()).append(now.connections() == 1 ? " conn, " : " conns, ");
        b.append(String.format(Locale.ROOT, "%.1f req/s, ", (now.requests() - before.requests()) / seconds));
        b.append(now.inFlight()).append(" in flight, ");
        long flushes = now.flushes() - before.flushes();
        b.append(flushes).append(flushes == 1 ? " flush (" : " flushes (")
                .append(now.flushed() - before.flushed()).append(" flushed, ")
                .append(now.flushRaces() - before.flushRaces()).append(" reply won), ");
        long errors = now.errors() - before.errors();
        b.append(errors).append(errors == 1 ? " error, " : " errors, ");
        b.append("in ").append(rate((now.bytesIn() - before.bytesIn()) / seconds)).append(", ");
        b.append("out ").append(rate((now.bytesOut() - before.bytesOut()) / seconds)).append(", ");
        b.append("pool ").append(now.poolInUse()).append(" lent");
        String sep = " (";
        for (PoolUse p : now.pool()) {
            if (p.inUse() > 0) {
                b.append(sep).append(p.sizeClass()).append(' ').append(p.inUse());
                sep = ", ";
            }
        }
        if (!sep.equals(" (")) {
            b.append(')');
        }
        b.append(", ").append(bytes(now.poolBytes())).append(" held");
        return b.toString();
    }

    /** "812 B/s", "12.1 KiB/s", "3.4 MiB/s". */
    static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /** "812 B", "12.1 KiB", "4.0 MiB", "1.2 GiB". */
    static String bytes(double n) {
        if (n < 1024) {
            return String.format(Locale.ROOT, "%.0f B", n);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        n /= 1024;
        while (n >= 1024 && u < units.length - 1) {
            n /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", n, units[u]);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
