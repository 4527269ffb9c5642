package io.ninep.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.testing.CapturedSession;
import io.ninep.protocol.testing.Chunking;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.MessageArbitraries;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stream of frames cut into chunks however the network pleases must give the same frames:
 * FrameAssembler cuts it back into frames, FrameDecoder decodes each.
 */
class FrameStreamChunkingTest {
    private static final int MSIZE = 65536;
    private static final CapturedSession DIOD = CapturedSession.load(CapturedSession.DIOD);

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void diodsRepliesDecodeTheSameHoweverTheyArrive(Chunking chunking) throws ProtocolException {
        List<Frame> expected = decodeOneByOne(DIOD.fromServer());
        byte[] stream = CapturedSession.stream(DIOD.fromServer());
        for (long seed = 0; seed < 20; seed++) {
            assertThat(decodeStream(chunking.split(stream, new Random(seed)))).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void theClientSideOfTheSessionToo(Chunking chunking) throws ProtocolException {
        List<Frame> expected = decodeOneByOne(DIOD.fromClient());
        byte[] stream = CapturedSession.stream(DIOD.fromClient());
        assertThat(decodeStream(chunking.split(stream, new Random(1)))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void anyFramesCutAnywhereDecodeTheSame(
            @ForAll("sessions") List<Frame> frames,
            @ForAll @Size(max = 30) List<@IntRange(max = 5000) Integer> cuts) throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(Hex.bytes(FrameEncoder.encode(f, Dialect.P9P2000_L)));
        }
        assertThat(decodeStream(Chunking.splitAt(out.toByteArray(), cuts))).isEqualTo(frames);
    }

    @Provide
    Arbitrary<List<Frame>> sessions() {
        return MessageArbitraries.frames(Dialect.P9P2000_L).list().ofMaxSize(12);
    }

    /** The size is checked the moment its fourth byte arrives: nothing is buffered for a bad frame. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "06000000, 6 is smaller than the 7-byte header",
        "00000000, 0 is smaller than the 7-byte header",
        "01000100, 65537 exceeds msize 65536",
        "ffffffff, 4294967295 exceeds msize 65536",
    })
    void aBadSizeIsRefusedAsSoonAsItsFourBytesArrive(String sizeHex, String detail) throws ProtocolException {
        FrameAssembler assembler = new FrameAssembler(MSIZE);
        byte[] size = Hex.decode(sizeHex);
        for (int i = 0; i < 3; i++) {
            assembler.feed(ByteBuffer.wrap(size, i, 1), f -> { throw new AssertionError("no frame yet"); });
        }
        assertThat(assembler.partialBytes()).isEqualTo(3);
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> assembler.feed(ByteBuffer.wrap(size, 3, 1), f -> { throw new AssertionError("no frame"); }));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("size");
        assertThat(e.getMessage()).contains(detail);
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void aTruncatedStreamLeavesAPartialFrame(Chunking chunking) throws ProtocolException {
        byte[] stream = CapturedSession.stream(DIOD.fromServer());
        int lastFrame = DIOD.fromServer().getLast().bytes().length;
        for (int cut : new int[] {1, 3, 4, 5, lastFrame - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(stream, stream.length - cut);
            FrameAssembler assembler = new FrameAssembler(MSIZE);
            List<ByteBuffer> frames = new ArrayList<>();
            for (ByteBuffer chunk : chunking.split(truncated, new Random(cut))) {
                assembler.feed(chunk, frames::add);
            }
            assertThat(frames).hasSize(DIOD.fromServer().size() - 1);
            assertThat(assembler.hasPartialFrame()).isTrue();
            assertThat(assembler.partialBytes()).isEqualTo(lastFrame - cut);
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void aCompleteStreamLeavesNothingBehind(Chunking chunking) throws ProtocolException {
        FrameAssembler assembler = new FrameAssembler(MSIZE);
        List<ByteBuffer> frames = new ArrayList<>();
        for (ByteBuffer chunk : chunking.split(CapturedSession.stream(DIOD.fromServer()), new Random(7))) {
            assembler.feed(chunk, frames::add);
            assertThat(chunk.hasRemaining()).as("feed consumes the whole chunk").isFalse();
        }
        assertThat(assembler.hasPartialFrame()).isFalse();
        assertThat(assembler.partialBytes()).isZero();
        // Each frame comes in a buffer of its own, position 0, limit = its size.
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).position()).isZero();
            assertThat(Hex.bytes(frames.get(i))).isEqualTo(DIOD.fromServer().get(i).bytes());
        }
    }

    /** After Tversion settles a smaller msize, larger frames are refused. */
    @org.junit.jupiter.api.Test
    void aRenegotiatedMsizeApplies() throws ProtocolException {
        FrameAssembler assembler = new FrameAssembler(MSIZE);
        assembler.feed(ByteBuffer.wrap(Hex.decode("0b000000 78 0100 05000000")), f -> {});
        assembler.msize(10);
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> assembler.feed(ByteBuffer.wrap(Hex.decode("0b000000")), f -> {}));
        assertThat(e.getMessage()).contains("11 exceeds msize 10");
    }

    private static List<Frame> decodeStream(List<ByteBuffer> chunks) throws ProtocolException {
        FrameAssembler assembler = new FrameAssembler(MSIZE);
        FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, MSIZE);
        List<Frame> frames = new ArrayList<>();
        for (ByteBuffer chunk : chunks) {
            assembler.feed(chunk, buf -> frames.add(decoder.decode(buf)));
        }
        assertThat(assembler.hasPartialFrame()).isFalse();
        return frames;
    }

    private static List<Frame> decodeOneByOne(List<CapturedSession.CapturedFrame> captured) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(Dialect.P9P2000_L, MSIZE);
        List<Frame> frames = new ArrayList<>();
        for (CapturedSession.CapturedFrame c : captured) {
            frames.add(decoder.decode(ByteBuffer.wrap(c.bytes())));
        }
        return frames;
    }
}
