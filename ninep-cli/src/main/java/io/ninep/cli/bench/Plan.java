package io.ninep.cli.bench;

/**
 * How each point is measured: a warm-up that is thrown away (the JIT compiles the hot path,
 * buffers are pooled, TCP windows open), then {@code repeats} windows of {@code each}; the
 * report shows the median and the spread of the repeats.
 */
public record Plan(long warmupNanos, long eachNanos, int repeats) {
    public Plan {
        if (repeats < 1 || eachNanos <= 0 || warmupNanos < 0) {
            throw new IllegalArgumentException("a plan needs at least one repeat of positive length");
        }
    }

    /** One unit of work: returns how many units (bytes, operations) it did. */
    @FunctionalInterface
    public interface Step {
        long run() throws Exception;
    }

    /** One measured window: works for about {@code nanos} and returns units per second. */
    @FunctionalInterface
    public interface Window {
        double run(long nanos) throws Exception;
    }

    /** A window that repeats {@code step} until the time is up (at least once). */
    public static Window loop(Step step) {
        return nanos -> {
            long start = System.nanoTime();
            long end = start + nanos;
            long units = 0;
            long now;
            do {
                units += step.run();
                now = System.nanoTime();
            } while (now < end);
            return units * 1e9 / (now - start);
        };
    }

    /** Warms up, then measures each repeat: units per second, median and spread. */
    public Summary measure(Window window) throws Exception {
        if (warmupNanos > 0) {
            window.run(warmupNanos);
        }
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            rates[i] = window.run(eachNanos);
        }
        return Summary.of(rates);
    }
}
