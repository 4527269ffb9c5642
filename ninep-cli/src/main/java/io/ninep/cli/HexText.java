package io.ninep.cli;

import java.io.ByteArrayOutputStream;

/** Hex dumps as people paste them: whitespace, 0x prefixes, ':' separators and #-comments are allowed. */
final class HexText {
    private HexText() {}

    /** True if the input is plausibly hex text rather than raw 9P bytes. */
    static boolean looksLikeHex(byte[] input) {
        int digits = 0;
        boolean comment = false;
        for (byte b : input) {
            char c = (char) (b & 0xFF);
            if (comment) {
                comment = c != '\n';
            } else if (c == '#') {
                comment = true;
            } else if (Character.digit(c, 16) >= 0) {
                digits++;
            } else if (!(Character.isWhitespace(c) || c == 'x' || c == 'X' || c == ':')) {
                return false;
            }
        }
        return digits > 0;
    }

    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : text.split("\n", -1)) {
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            for (String token : content.trim().split("[\\s:]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String t = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
                if (t.length() % 2 != 0) {
                    throw new IllegalArgumentException("odd number of hex digits in '" + token + "'");
                }
                for (int i = 0; i < t.length(); i += 2) {
                    int hi = Character.digit(t.charAt(i), 16);
                    int lo = Character.digit(t.charAt(i + 1), 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("not hex: '" + token + "'");
                    }
                    out.write(hi << 4 | lo);
                }
            }
        }
        return out.toByteArray();
    }
}
