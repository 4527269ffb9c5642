package io.ninep.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How ninep carries 9P strings (names, user names, error strings, symlink targets) as Java
 * {@link String}s without losing a byte.
 *
 * <p>On Linux a file name is a byte string and need not be valid UTF-8. A 9P string is decoded as
 * strict UTF-8, and every byte that is not part of a well-formed UTF-8 sequence becomes one
 * unpaired low surrogate, {@code U+DC80 + (byte - 0x80)} (bytes 0x80 to 0xFF map to U+DC80 to
 * U+DCFF). Encoding reverses this: an unpaired surrogate in that range becomes the byte it
 * stands for. This is the "surrogateescape" scheme of Python's PEP 383. Bytes that
 * well-formed UTF-8 can never produce (surrogates, overlong forms, values above U+10FFFF, stray
 * continuation bytes) are escaped byte by byte, so:
 *
 * <ul>
 *   <li>bytes &rarr; String &rarr; bytes gives back the same bytes, always;
 *   <li>a String of valid Unicode (no unpaired surrogates) encodes to its UTF-8 and back;
 *   <li>a String holding an unpaired surrogate outside U+DC80..U+DCFF cannot have come from the
 *       wire and has no UTF-8 form: it is encoded as U+FFFD, and {@link #encodedLength} counts it
 *       so.
 * </ul>
 *
 * <p>To see the raw bytes of a name, use {@link #toBytes(String)}.
 */
public final class WireString {
    private WireString() {}

    private static final char ESCAPE_BASE = 0xDC00;
    private static final char ESCAPE_FIRST = 0xDC80;
    private static final char ESCAPE_LAST = 0xDCFF;
    private static final char REPLACEMENT = 0xFFFD;

    /** The number of bytes {@code s} takes on the wire, without the 2-byte length prefix. */
    public static int encodedLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2;   // a pair: 2 chars, 4 bytes
                i++;
            } else if (c >= ESCAPE_FIRST && c <= ESCAPE_LAST) {
                // an escaped raw byte: 1 char, 1 byte
            } else {
                bytes += 2;   // 3 bytes, including U+FFFD for other unpaired surrogates
            }
        }
        return bytes;
    }

    /** The bytes {@code s} stands for on the wire. */
    public static byte[] toBytes(String s) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(s));
        putBytes(out, s);
        return out.array();
    }

    /** Decodes raw bytes (a Linux file name, say) into the String that carries them. */
    public static String fromBytes(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes), bytes.length);
    }

    /**
     * Writes {@code length[2] string[length]}.
     *
     * @throws IllegalArgumentException if the string is longer than 65535 bytes
     */
    public static void put(ByteBuffer out, String s) {
        int len = encodedLength(s);
        checkLength(len);
        out.putShort((short) len);
        putBytes(out, s);
    }

    /** Throws if a string of {@code len} bytes cannot be sent in a 2-byte length field. */
    public static void checkLength(int len) {
        if (len > P9.MAX_STRING_BYTES) {
            throw new IllegalArgumentException(
                    "9P string of " + len + " bytes is longer than the protocol's 65535");
        }
    }

    private static void putBytes(ByteBuffer out, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else if (c >= ESCAPE_FIRST && c <= ESCAPE_LAST) {
                out.put((byte) (c - ESCAPE_BASE));
            } else {
                char d = Character.isSurrogate(c) ? REPLACEMENT : c;
                out.put((byte) (0xE0 | (d >> 12)));
                out.put((byte) (0x80 | ((d >> 6) & 0x3F)));
                out.put((byte) (0x80 | (d & 0x3F)));
            }
        }
    }

    /**
     * Reads {@code length} bytes from {@code in}'s position (which it advances) and decodes them.
     * The caller has checked that they are there.
     */
    public static String decode(ByteBuffer in, int length) {
        int start = in.position();
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            if (in.get(start + i) < 0) {
                ascii = false;
                break;
            }
        }
        String result;
        if (ascii) {
            if (in.hasArray()) {
                result = new String(in.array(), in.arrayOffset() + start, length, StandardCharsets.ISO_8859_1);
            } else {
                byte[] b = new byte[length];
                in.get(start, b);
                result = new String(b, StandardCharsets.ISO_8859_1);
            }
        } else {
            result = decodeUtf8(in, start, length);
        }
        in.position(start + length);
        return result;
    }

    private static String decodeUtf8(ByteBuffer in, int start, int length) {
        char[] chars = new char[length];   // never more chars than bytes
        int n = 0;
        int end = start + length;
        int i = start;
        while (i < end) {
            int b0 = in.get(i) & 0xFF;
            if (b0 < 0x80) {
                chars[n++] = (char) b0;
                i++;
                continue;
            }
            int need;
            int min1 = 0x80;
            int max1 = 0xBF;   // bounds of the second byte, narrowed to forbid overlongs and surrogates
            int cp;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) {
                    min1 = 0xA0;
                } else if (b0 == 0xED) {
                    max1 = 0x9F;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) {
                    min1 = 0x90;
                } else if (b0 == 0xF4) {
                    max1 = 0x8F;
                }
            } else {
                chars[n++] = (char) (ESCAPE_BASE + b0);
                i++;
                continue;
            }
            boolean ok = i + need < end;
            for (int k = 1; ok && k <= need; k++) {
                int b = in.get(i + k) & 0xFF;
                int lo = k == 1 ? min1 : 0x80;
                int hi = k == 1 ? max1 : 0xBF;
                if (b < lo || b > hi) {
                    ok = false;
                } else {
                    cp = (cp << 6) | (b & 0x3F);
                }
            }
            if (!ok) {
                chars[n++] = (char) (ESCAPE_BASE + b0);
                i++;
                continue;
            }
            if (cp >= 0x10000) {
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
            } else {
                chars[n++] = (char) cp;
            }
            i += need + 1;
        }
        return new String(chars, 0, n);
    }
}
