package io.ninep.cli.bench;

import java.util.Arrays;

/**
 * The repeats of one measured point reduced to what the report shows: the median and the
 * spread (smallest and largest repeat).
 *
 * @param median the median of the repeats (the mean of the middle two for an even count)
 * @param min the smallest repeat
 * @param max the largest repeat
 * @param repeats how many repeats there were
 */
public record Summary(double median, double min, double max, int repeats) {

    /** One value measured once (a count, or a figure that has no repeats). */
    public static Summary of(double value) {
        return new Summary(value, value, value, 1);
    }

    /** The median and spread of {@code values}, which must not be empty. */
    public static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Summary(median(sorted), sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** The median of values sorted ascending. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** This summary with every value multiplied by {@code factor} (a change of unit). */
    public Summary times(double factor) {
        return new Summary(median * factor, min * factor, max * factor, repeats);
    }

    /** (max - min) / median: how much the repeats disagree, 0 for one repeat. */
    public double relativeSpread() {
        return median == 0 ? 0 : (max - min) / Math.abs(median);
    }
}
