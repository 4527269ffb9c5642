package io.ninep.cli.options;

import java.util.Locale;

/** A byte count as an option takes it: "131072", "128k", "4M", "1G" (powers of 1024, any case). */
public final class ByteSize {
    private ByteSize() {}

    /**
     * The byte count {@code value} stands for.
     *
     * @throws IllegalArgumentException if it is not a number with an optional k, M or G
     */
    public static long parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a size (131072, 128k, 4M)");
        }
    }
}
