package io.ninep.cli.bench;

/**
 * Latencies in nanoseconds, counted in log-linear buckets: values below 128 exactly, larger
 * ones in 128 buckets per power of two, so a percentile is off by less than 1% (one part in
 * 128). Recording allocates nothing and costs a few instructions, so one histogram per worker
 * thread can sit in a timed loop; {@link #add} merges them afterwards. Not thread-safe.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    /** Counts one latency; negative values count as 0. */
    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    public long count() {
        return total;
    }

    /** The largest value recorded, exactly. */
    public long max() {
        return max;
    }

    /** Adds every count of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    /**
     * The value below which {@code percent} percent of the recorded values lie (nearest rank),
     * as the middle of its bucket; 0 if nothing was recorded.
     */
    public double percentile(double percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percentile " + percent + " is not in [0, 100]");
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(middle(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);   // >= SUB_BITS
        int shift = exponent - SUB_BITS;
        int sub = (int) ((v >>> shift) & (SUB - 1));
        return SUB + shift * SUB + sub;
    }

    /** The smallest value of bucket {@code i}. */
    static long lowest(int i) {
        if (i < SUB) {
            return i;
        }
        int shift = (i - SUB) / SUB;
        int sub = (i - SUB) % SUB;
        return (long) (SUB + sub) << shift;
    }

    private static double middle(int i) {
        if (i < SUB) {
            return i;
        }
        int shift = (i - SUB) / SUB;
        return lowest(i) + ((1L << shift) - 1) / 2.0;
    }
}
