package io.ninep.protocol.codec;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.testing.DecodeOracle;
import io.ninep.protocol.testing.FrameMutations;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.MessageArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * "Any byte string decodes to a Frame or throws ProtocolException, never anything else", in
 * every dialect, strict and lenient, and what decodes is sound (see {@link DecodeOracle}).
 * Random noise mostly dies at the size or type check, so most inputs here are valid frames
 * damaged the ways a peer can damage them, which reach every field decoder.
 */
class AnyBytesDecodePropertiesTest {

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void anyBytesDecodeToAFrameOrAProtocolException(
            @ForAll("hostileInputs") byte[] input, @ForAll Dialect dialect, @ForAll Strictness strictness,
            @ForAll("msizes") int msize) {
        Frame f = DecodeOracle.check(input, dialect, strictness, msize);
        Statistics.label("outcome").collect(f == null ? "refused" : "decoded");
        // Both outcomes must be common, or the inputs are too easy or too broken to teach anything.
        Statistics.label("outcome").coverage(c -> {
            c.check("refused").percentage(p -> p > 20);
            c.check("decoded").percentage(p -> p > 5);
        });
    }

    /** Damaged frames of one dialect, decoded in the dialect they were made for. */
    @Property(tries = 2000)
    void damagedFramesOfADialectAreRefusedCleanly(@ForAll("damagedFrames") DamagedFrame d, @ForAll Strictness strictness) {
        DecodeOracle.check(d.bytes(), d.dialect(), strictness, 1 << 20);
    }

    record DamagedFrame(Dialect dialect, byte[] bytes) {
        @Override
        public String toString() {
            return dialect + " " + Hex.encode(bytes);
        }
    }

    @Provide
    Arbitrary<DamagedFrame> damagedFrames() {
        return Arbitraries.of(Dialect.class).flatMap(d -> MessageArbitraries.frames(d)
                .map(f -> Hex.bytes(FrameEncoder.encode(f, d)))
                .flatMap(FrameMutations::of)
                .map(b -> new DamagedFrame(d, b)));
    }

    @Provide
    Arbitrary<byte[]> hostileInputs() {
        Arbitrary<byte[]> valid = Arbitraries.of(Dialect.class)
                .flatMap(MessageArbitraries::frames)
                .map(f -> Hex.bytes(FrameEncoder.encode(f, Dialect.P9P2000_U)));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> noiseWithAValidHeader = Arbitraries.bytes().array(byte[].class).ofMaxSize(60)
                .flatMap(body -> Arbitraries.integers().between(0, 255).map(type -> withHeader(type, body)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, valid),
                Tuple.of(6, valid.flatMap(FrameMutations::of)),
                Tuple.of(1, noise),
                Tuple.of(2, noiseWithAValidHeader));
    }

    @Provide
    Arbitrary<Integer> msizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(1 << 20)),
                Tuple.of(1, Arbitraries.integers().between(0, 64)),
                Tuple.of(1, Arbitraries.just(-1)));
    }

    /** A correct size field and the given type byte, then arbitrary body bytes. */
    private static byte[] withHeader(int type, byte[] body) {
        byte[] b = new byte[P9.HEADER_SIZE + body.length];
        int size = b.length;
        b[0] = (byte) size;
        b[1] = (byte) (size >> 8);
        b[4] = (byte) type;
        b[5] = 1;
        System.arraycopy(body, 0, b, P9.HEADER_SIZE, body.length);
        return b;
    }

    /** A sanity check of the oracle itself: it must tell refusals from successes. */
    @Property(tries = 200)
    void theOracleDecodesValidFrames(@ForAll("validL") byte[] frame) throws ProtocolException {
        Frame expected = new FrameDecoder(Dialect.P9P2000_L, 1 << 20).decode(java.nio.ByteBuffer.wrap(frame));
        org.assertj.core.api.Assertions.assertThat(DecodeOracle.check(frame, Dialect.P9P2000_L, Strictness.STRICT, 1 << 20))
                .isEqualTo(expected);
    }

    @Provide
    Arbitrary<byte[]> validL() {
        return MessageArbitraries.frames(Dialect.P9P2000_L).map(f -> Hex.bytes(FrameEncoder.encode(f, Dialect.P9P2000_L)));
    }
}
