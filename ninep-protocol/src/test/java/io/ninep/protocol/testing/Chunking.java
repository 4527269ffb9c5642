package io.ninep.protocol.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a byte stream is cut into the chunks a reader sees, as okio's and netty's decoder tests do:
 * a decoder must give the same frames however the bytes arrive.
 */
public enum Chunking {
    /** Everything in one read. */
    WHOLE {
        @Override
        public List<ByteBuffer> split(byte[] stream, Random random) {
            return List.of(ByteBuffer.wrap(stream));
        }
    },
    /** One byte per read: every field boundary falls between reads. */
    ONE_BYTE_AT_A_TIME {
        @Override
        public List<ByteBuffer> split(byte[] stream, Random random) {
            List<ByteBuffer> chunks = new ArrayList<>(stream.length);
            for (int i = 0; i < stream.length; i++) {
                chunks.add(ByteBuffer.wrap(stream, i, 1).slice());
            }
            return chunks;
        }
    },
    /** Reads of 1 to 40 bytes, cut wherever the random source says; empty reads included. */
    RANDOM_SPLITS {
        @Override
        public List<ByteBuffer> split(byte[] stream, Random random) {
            List<ByteBuffer> chunks = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                int n = Math.min(stream.length - at, random.nextInt(41));
                chunks.add(ByteBuffer.wrap(stream, at, n).slice());
                at += n;
            }
            return chunks;
        }
    };

    public abstract List<ByteBuffer> split(byte[] stream, Random random);

    /** Cuts {@code stream} before each of the given offsets (any order, out-of-range ones ignored). */
    public static List<ByteBuffer> splitAt(byte[] stream, List<Integer> cuts) {
        List<Integer> points = cuts.stream().filter(c -> c > 0 && c < stream.length).sorted().distinct().toList();
        List<ByteBuffer> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : points) {
            chunks.add(ByteBuffer.wrap(stream, from, cut - from).slice());
            from = cut;
        }
        chunks.add(ByteBuffer.wrap(stream, from, stream.length - from).slice());
        return chunks;
    }
}
