package io.ninep.cli.bench;

import java.util.Locale;

/** Byte sizes as the bench prints and parses them: 8K, 64K, 4088K, 1M, 128M (powers of 1024). */
public final class Sizes {
    private Sizes() {}

    public static final long KIB = 1024;
    public static final long MIB = 1024 * 1024;
    public static final long GIB = 1024 * 1024 * 1024;

    /** The largest unit that divides {@code bytes} exactly: 65536 is 64K, 4186112 is 4088K, 1000 is 1000. */
    public static String label(long bytes) {
        if (bytes > 0 && bytes % GIB == 0) {
            return bytes / GIB + "G";
        }
        if (bytes > 0 && bytes % MIB == 0) {
            return bytes / MIB + "M";
        }
        if (bytes > 0 && bytes % KIB == 0) {
            return bytes / KIB + "K";
        }
        return Long.toString(bytes);
    }

    /** Parses "4096", "64k", "64K", "1M", "1m", "2G", "4186112"; suffixes are powers of 1024. */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (t.endsWith("K")) {
            unit = KIB;
        } else if (t.endsWith("M")) {
            unit = MIB;
        } else if (t.endsWith("G")) {
            unit = GIB;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n < 0) {
                throw new IllegalArgumentException("negative size '" + text + "'");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 4096, 64K, 1M, 1G)");
        }
    }
}
