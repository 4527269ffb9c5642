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
