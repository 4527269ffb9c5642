package io.ninep.protocol.testing;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What must hold when a decoder meets arbitrary bytes: it returns a frame or throws
 * {@link ProtocolException}, never anything else; and what it returns is sound. Shared by the
 * jqwik property and the Jazzer fuzz test, which differ only in where the bytes come from.
 *
 * <p>Soundness of a decoded frame: it prints (FcallFormat), it encodes, and
 * <ul>
 *   <li>when decoded strictly, it encodes back to exactly the bytes it came from (a strict decoder
 *       accepts only the canonical form, and names survive byte for byte);
 *   <li>when decoded leniently, its encoding decodes (leniently) to an equal frame.
 * </ul>
 * Any violation is thrown as an {@link AssertionError}; unexpected exceptions propagate.
 */
public final class DecodeOracle {
    private DecodeOracle() {}

    /** Decodes {@code input} in every dialect, strictly and leniently, and checks the outcome. */
    public static void checkEveryDecoder(byte[] input, int msize) {
        for (Dialect d : Dialect.values()) {
            for (Strictness s : Strictness.values()) {
                check(input, d, s, msize);
            }
        }
    }

    /** Returns the decoded frame, or null if the decoder refused the input with a ProtocolException. */
    public static Frame check(byte[] input, Dialect dialect, Strictness strictness, int msize) {
        FrameDecoder decoder = new FrameDecoder(dialect, msize, strictness, q -> {});
        ByteBuffer buf = ByteBuffer.wrap(input);
        Frame frame;
        try {
            frame = decoder.decode(buf);
        } catch (ProtocolException refused) {
            return null;
        }
        int consumed = buf.position();
        FcallFormat.format(frame);
        ByteBuffer encoded = FrameEncoder.encode(frame, dialect);
        if (strictness == Strictness.STRICT) {
            byte[] original = Arrays.copyOf(input, consumed);
            if (!Arrays.equals(Hex.bytes(encoded), original)) {
                throw new AssertionError("strictly decoded " + FcallFormat.format(frame) + " in " + dialect
                        + " re-encodes to " + Hex.encode(encoded) + ", not the input " + Hex.encode(original));
            }
        } else {
            Frame again;
            try {
                again = new FrameDecoder(dialect, Integer.MAX_VALUE, Strictness.LENIENT, q -> {}).decode(encoded.duplicate());
            } catch (ProtocolException e) {
                throw new AssertionError("leniently decoded " + FcallFormat.format(frame) + " in " + dialect
                        + " re-encodes to " + Hex.encode(encoded) + ", which does not decode: " + e.getMessage(), e);
            }
            if (!again.equals(frame)) {
                throw new AssertionError("leniently decoded " + FcallFormat.format(frame) + " in " + dialect
                        + " comes back as " + FcallFormat.format(again));
            }
        }
        return frame;
    }
}
