package io.ninep.cli.text;

/** Bytes as lowercase hex, for traces and probe evidence: {@code 07000000 6c 0100}-style, unspaced. */
public final class HexDump {
    private HexDump() {}

    /**
     * The first {@code max} bytes of {@code bytes[offset, offset+length)} as hex, with "..." and
     * the total when more follow.
     */
    public static String of(byte[] bytes, int offset, int length, int max) {
        int n = Math.min(length, max);
        StringBuilder b = new StringBuilder(n * 2 + 24);
        for (int i = 0; i < n; i++) {
            int v = bytes[offset + i] & 0xFF;
            b.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xF, 16));
        }
        if (length > n) {
            b.append("... (").append(length).append(" bytes)");
        }
        return b.toString();
    }

    public static String of(byte[] bytes, int max) {
        return of(bytes, 0, bytes.length, max);
    }
}
