package io.ninep.protocol.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Damages valid frames the ways a broken or hostile peer would: cut short (with or without the
 * size field following), bytes flipped, a count or length field inflated, garbage appended.
 * Random noise rarely gets past the size and type checks; a mutated valid frame reaches every
 * field decoder.
 */
public final class FrameMutations {
    private FrameMutations() {}

    public enum Mutation {
        /** Drops bytes from the end, leaving the size field claiming the full length. */
        TRUNCATE,
        /** Drops bytes from the end and makes the size field agree: the body ends early. */
        TRUNCATE_AND_RESIZE,
        /** Flips the bits of one byte anywhere, the header included. */
        FLIP_BYTE,
        /** Sets a 2-byte field in the body (string length, nwname, nstat, ...) to a large value. */
        INFLATE_U16,
        /** Sets a 4-byte field in the body (count, ...) to a large value. */
        INFLATE_U32,
        /** Appends bytes and makes the size field cover them: trailing garbage. */
        APPEND_AND_RESIZE,
        /** Replaces the size field with another value. */
        RESIZE
    }

    /** One to three mutations of {@code frame}, each placed at random. */
    public static Arbitrary<byte[]> of(byte[] frame) {
        return Arbitraries.longs().list().ofMinSize(1).ofMaxSize(3).map(seeds -> {
            byte[] out = frame;
            for (long seed : seeds) {
                Random r = new Random(seed);
                out = apply(Mutation.values()[r.nextInt(Mutation.values().length)], out, r);
            }
            return out;
        });
    }

    public static byte[] apply(Mutation m, byte[] frame, Random r) {
        byte[] b = frame.clone();
        int bodyStart = Math.min(7, b.length);
        return switch (m) {
            case TRUNCATE -> Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            case TRUNCATE_AND_RESIZE -> resized(Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)));
            case FLIP_BYTE -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
                yield b;
            }
            case INFLATE_U16 -> {
                if (b.length - bodyStart >= 2) {
                    int at = bodyStart + r.nextInt(b.length - bodyStart - 1);
                    int v = List.of(0xFFFF, 0x8000, b.length, b.length + 1, r.nextInt(0x10000)).get(r.nextInt(5));
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
                }
                yield b;
            }
            case INFLATE_U32 -> {
                if (b.length - bodyStart >= 4) {
                    int at = bodyStart + r.nextInt(b.length - bodyStart - 3);
                    int v = List.of(-1, Integer.MAX_VALUE, Integer.MIN_VALUE, b.length, b.length + 1, r.nextInt())
                            .get(r.nextInt(6));
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
                }
                yield b;
            }
            case APPEND_AND_RESIZE -> {
                byte[] extra = new byte[1 + r.nextInt(8)];
                r.nextBytes(extra);
                byte[] longer = Arrays.copyOf(b, b.length + extra.length);
                System.arraycopy(extra, 0, longer, b.length, extra.length);
                yield resized(longer);
            }
            case RESIZE -> {
                if (b.length >= 4) {
                    int v = List.of(0, 6, 7, b.length - 1, b.length + 1, -1, r.nextInt()).get(r.nextInt(7));
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
                }
                yield b;
            }
        };
    }

    /** Sets the size field to the array's length (if it has room for one). */
    private static byte[] resized(byte[] b) {
        if (b.length >= 4) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, b.length);
        }
        return b;
    }
}
