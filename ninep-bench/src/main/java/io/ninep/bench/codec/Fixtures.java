package io.ninep.bench.codec;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * What the codec benchmarks share: the dialect, payloads and encoded frames in buffers made once
 * in {@code @Setup}, and the check that a decoded payload is a view of its frame.
 */
final class Fixtures {
    private Fixtures() {}

    /** Every benchmarked message exists in 9P2000.L; Twrite and Rread look the same in all dialects. */
    static final Dialect DIALECT = Dialect.P9P2000_L;

    static final int TAG = 1;

    /** {@code size} bytes of a recognisable pattern, position 0, limit {@code size}. */
    static ByteBuffer payload(BufferKind kind, int size) {
        ByteBuffer data = kind.allocate(size);
        for (int i = 0; i < size; i++) {
            data.put(i, (byte) i);
        }
        return data;
    }

    /** {@code frame} encoded into a buffer of exactly its size, position 0. */
    static ByteBuffer encoded(Frame frame, BufferKind kind) {
        ByteBuffer out = kind.allocate(frame.body().encodedSize(DIALECT));
        FrameEncoder.encode(frame, DIALECT, out);
        return out.flip();
    }

    /** A strict decoder whose msize admits {@code frame}. */
    static FrameDecoder decoderFor(ByteBuffer frame) {
        return new FrameDecoder(DIALECT, Math.max(P9.MIN_MSIZE, frame.remaining()));
    }

    /** Decodes {@code frame} once, leaving its position at 0 for the benchmark. */
    static Frame decodeOnce(FrameDecoder decoder, ByteBuffer frame) throws ProtocolException {
        Frame decoded = decoder.decode(frame);
        frame.rewind();
        return decoded;
    }

    /** Fails unless {@code actual} equals {@code expected}: a benchmark of a wrong codec measures nothing. */
    static void requireEqual(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("decoded " + actual + ", expected " + expected);
        }
    }

    /**
     * Fails unless {@code data} is a view of {@code frame}'s bytes from {@code offset} on, of
     * {@code length} bytes: the same memory (the same array, or the same native address), not a
     * copy of it.
     */
    static void requireView(ByteBuffer data, ByteBuffer frame, int offset, int length) {
        if (data.remaining() != length) {
            throw new IllegalStateException("data has " + data.remaining() + " bytes, expected " + length);
        }
        MemorySegment view = MemorySegment.ofBuffer(data);
        MemorySegment whole = MemorySegment.ofBuffer(frame.duplicate().clear());
        boolean sameMemory = view.isNative() == whole.isNative()
                && view.heapBase().equals(whole.heapBase())   // Optional.equals: the same array, by identity
                && view.address() == whole.address() + offset;
        if (!sameMemory) {
            throw new IllegalStateException("data is a copy, not a view of the frame at offset " + offset);
        }
    }
}
