package io.ninep.cli.bench;

import java.util.ArrayList;
import java.util.List;

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

    /** This plan with no warm-up: for windows warmed up already ({@link #warmUp}). */
    public Plan withoutWarmUp() {
        return new Plan(0, eachNanos, repeats);
    }

    /** The time the JIT compilers of the JVMs a point runs in have spent so far, in milliseconds. */
    @FunctionalInterface
    public interface Jit {
        long compileMillis() throws Exception;
    }

    /**
     * A warm-up: how long it took, and whether it ended with the JITs quiet (no compilation
     * during its last round) or at its limit while they were still compiling.
     */
    public record WarmUp(long nanos, boolean quiet) {}

    /** Most warm-up, in units of the plan's: past it the repeats start even while the JITs compile. */
    static final int MAX_WARM_UP = 8;

    /**
     * Runs each window for the warm-up, then again in rounds of half of it until a round passes
     * with no compilation in either JVM ({@code jit}), at most {@value #MAX_WARM_UP} warm-ups in
     * all. A JIT that recompiles in a repeat takes a CPU from the point, and a method that was
     * deoptimised runs slowly until it is compiled again: on this machine that cost a point up
     * to a fifth, which is the size of the margins the targets decide on.
     */
    public WarmUp warmUp(List<Window> windows, Jit jit) throws Exception {
        long start = System.nanoTime();
        if (warmupNanos == 0) {
            return new WarmUp(0, true);
        }
        long before = jit.compileMillis();
        for (Window w : windows) {
            w.run(warmupNanos);
        }
        long after = jit.compileMillis();
        long round = Math.max(warmupNanos / 2, 1);
        long limit = start + MAX_WARM_UP * warmupNanos;
        while (after != before && System.nanoTime() + round * windows.size() <= limit) {
            before = after;
            for (Window w : windows) {
                w.run(round);
            }
            after = jit.compileMillis();
        }
        return new WarmUp(System.nanoTime() - start, after == before);
    }

    /**
     * What two windows measured in turn made: the baseline's repeats, the subject's, and the
     * subject's over the baseline's repeat by repeat (each pair taken back to back, so a drift of
     * the machine between pairs cancels out of their ratios).
     */
    public record InTurn(Summary baseline, Summary subject, Summary ratios) {}

    /**
     * Warms up both, then measures them in turn, a window of the baseline before each window of
     * the subject: on a machine whose speed drifts within minutes, the i-th repeats of the two
     * see the same machine, where a baseline measured minutes earlier does not.
     */
    public InTurn measureInTurn(Window baseline, Window subject) throws Exception {
        return measureInTurn(List.of(baseline), subject).getFirst();
    }

    /**
     * As {@link #measureInTurn(Window, Window)} with several baselines: before each window of the
     * subject, a window of each baseline in order. One {@link InTurn} per baseline, each with the
     * subject's repeats over that baseline's.
     */
    public List<InTurn> measureInTurn(List<Window> baselines, Window subject) throws Exception {
        if (warmupNanos > 0) {
            for (Window b : baselines) {
                b.run(warmupNanos);
            }
            subject.run(warmupNanos);
        }
        double[][] base = new double[baselines.size()][repeats];
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            for (int b = 0; b < baselines.size(); b++) {
                base[b][i] = baselines.get(b).run(eachNanos);
            }
            rates[i] = subject.run(eachNanos);
        }
        Summary subjectSummary = Summary.of(rates);
        List<InTurn> out = new ArrayList<>();
        for (double[] each : base) {
            double[] ratios = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                ratios[i] = rates[i] / each[i];
            }
            out.add(new InTurn(Summary.of(each), subjectSummary, Summary.of(ratios)));
        }
        return out;
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
