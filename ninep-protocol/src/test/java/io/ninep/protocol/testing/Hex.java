package io.ninep.protocol.testing;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex text to bytes and back, for golden vectors and captures. Whitespace in hex text is ignored. */
public final class Hex {
    private Hex() {}

    private static final HexFormat HEX = HexFormat.of();

    /** Parses hex digits; spaces between groups (one group per field, say) are ignored. */
    public static byte[] decode(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        return HEX.parseHex(digits);
    }

    public static String encode(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The remaining bytes of {@code buf}, without moving its position. */
    public static String encode(ByteBuffer buf) {
        return encode(bytes(buf));
    }

    /** A copy of the remaining bytes of {@code buf}, without moving its position. */
    public static byte[] bytes(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.get(buf.position(), out);
        return out;
    }
}
