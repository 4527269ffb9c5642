package io.ninep.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a chart: maps values to a fraction of its length and says where its ticks go.
 * Three kinds: log2 (msize: a tick at every power of two, labelled 8K, 1M, ...), log10 (rates
 * and throughputs that span decades: ticks at 1, 2 and 5 times a power of ten) and linear.
 */
public final class Axis {
    /** A tick: the value and its label. */
    public record Tick(double value, String label) {}

    enum Kind { LOG2, LOG10, LINEAR }

    private final Kind kind;
    private final double low;
    private final double high;

    private Axis(Kind kind, double low, double high) {
        this.kind = kind;
        this.low = low;
        this.high = high;
    }

    /** A log2 axis from the power of two at or below {@code min} to the one at or above {@code max}. */
    public static Axis log2(double min, double max) {
        double lo = Math.floor(log2(min));
        double hi = Math.ceil(log2(max));
        if (hi <= lo) {
            hi = lo + 1;
        }
        return new Axis(Kind.LOG2, lo, hi);
    }

    /** A log10 axis from the 1-2-5 step at or below {@code min} to the one at or above {@code max}. */
    public static Axis log10(double min, double max) {
        double lo = Math.log10(niceBelow(Math.max(min, 1e-9)));
        double hi = Math.log10(niceAbove(Math.max(max, min * 1.0001)));
        if (hi <= lo) {
            hi = lo + 1;
        }
        return new Axis(Kind.LOG10, lo, hi);
    }

    /** A linear axis from 0 to a round number at or above {@code max}. */
    public static Axis linear(double max) {
        double step = linearStep(max <= 0 ? 1 : max);
        return new Axis(Kind.LINEAR, 0, Math.max(step, Math.ceil(max / step) * step));
    }

    /** Where {@code value} falls: 0 at the low end, 1 at the high end. */
    public double fraction(double value) {
        double v = switch (kind) {
            case LOG2 -> log2(value);
            case LOG10 -> Math.log10(value);
            case LINEAR -> value;
        };
        return (v - low) / (high - low);
    }

    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        switch (kind) {
            case LOG2 -> {
                for (double e = low; e <= high + 1e-9; e++) {
                    double v = Math.pow(2, e);
                    ticks.add(new Tick(v, Sizes.label((long) v)));
                }
            }
            case LOG10 -> {
                for (int e = (int) Math.floor(low) - 1; e <= (int) Math.ceil(high); e++) {
                    for (int m : new int[] {1, 2, 5}) {
                        double v = m * Math.pow(10, e);
                        double f = fraction(v);
                        if (f >= -1e-9 && f <= 1 + 1e-9) {
                            ticks.add(new Tick(v, label(v)));
                        }
                    }
                }
            }
            case LINEAR -> {
                double step = linearStep(high);
                for (double v = 0; v <= high + step / 1000; v += step) {
                    ticks.add(new Tick(v, label(v)));
                }
            }
        }
        return ticks;
    }

    /** A tick label: whole numbers without decimals (20, not 20.0), others with about three digits. */
    static String label(double v) {
        return v >= 1 && Math.abs(v - Math.rint(v)) < 1e-9 ? TextTable.number(v, 0) : TextTable.figure(v);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** The largest of 1, 2, 5 times a power of ten that is at most {@code v}. */
    static double niceBelow(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (int m : new int[] {5, 2, 1}) {
            if (m * p <= v * (1 + 1e-9)) {
                return m * p;
            }
        }
        return p;
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code v}. */
    static double niceAbove(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * p >= v * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A round step that cuts [0, max] into 4 to 10 parts. */
    private static double linearStep(double max) {
        double raw = max / 6;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
