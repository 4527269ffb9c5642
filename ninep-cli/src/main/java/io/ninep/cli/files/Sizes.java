package io.ninep.cli.files;

import java.util.Locale;

/** Byte counts for people: ls -h's "1.3K", and the progress bar's "45.0 MiB". */
public final class Sizes {
    private Sizes() {}

    private static final String UNITS = "KMGTPE";

    /**
     * As ls -h (coreutils' human_ceiling with powers of 1024): one decimal below 10, rounded up;
     * "1023", "1.0K", "1.3K", "13K", "1.0M".
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length() - 1) {
            v /= 1024;
            unit++;
        }
        if (v < 10) {
            double tenths = Math.ceil(v * 10 - 1e-9);
            if (tenths < 100) {
                return String.format(Locale.ROOT, "%.1f%c", tenths / 10, UNITS.charAt(unit));
            }
            v = 10;
        }
        long whole = (long) Math.ceil(v - 1e-9);
        if (whole >= 1024 && unit < UNITS.length() - 1) {
            return "1.0" + UNITS.charAt(unit + 1);
        }
        return whole + String.valueOf(UNITS.charAt(unit));
    }

    /** "512 B", "1.2 KiB", "45.0 MiB". */
    public static String binary(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length() - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %ciB", v, UNITS.charAt(unit));
    }
}
