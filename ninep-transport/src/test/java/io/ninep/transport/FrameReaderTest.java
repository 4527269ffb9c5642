package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import io.ninep.transport.testing.ForwardingTransport;
import io.ninep.transport.testing.ScriptedReadTransport;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static final Dialect L = Dialect.P9P2000_L;
    private final BufferPool pool = new BufferPool(1 << 20, 8 << 20, false);

    @AfterEach
    void poolIsBalanced() {
        assertThat(pool.stats().inUse()).isZero();
    }

    private static byte[] stream(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            ByteBuffer b = FrameEncoder.encode(f, L);
            out.write(b.array(), 0, b.remaining());
        }
        return out.toByteArray();
    }

    private static List<Frame> session() {
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        return List.of(
                new Frame(1, new Tgetattr(3, 0x7FF)),
                new Frame(2, new Twalk(0, 1, "usr", "bin")),
                new Frame(3, new Twrite(1, 0, ByteBuffer.wrap(big))),
                new Frame(4, new Tclunk(1)),
                new Frame(5, new Rread(ByteBuffer.wrap(big, 0, 70_000))),
                new Frame(6, Rclunk.INSTANCE));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void wholeFramesAreTheSameHoweverTheBytesArrive(Chunking chunking) throws Exception {
        List<Frame> expected = session();
        var transport = new ScriptedReadTransport(stream(expected.toArray(Frame[]::new)), chunking.sizes());
        FrameReader reader = new FrameReader(transport, 1 << 20);
        FrameDecoder decoder = new FrameDecoder(L, 1 << 20);
        int n = 0;
        PooledBuffer b;
        while ((b = reader.readFrame(pool)) != null) {
            try {
                // Compared while the buffer is held: payloads are views of it.
                assertThat(decoder.decode(b.buffer())).isEqualTo(expected.get(n++));
            } finally {
                b.release();
            }
        }
        assertThat(n).isEqualTo(expected.size());
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void headerFirstReadsPutAPayloadStraightIntoTheCallersBuffer(Chunking chunking) throws Exception {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        byte[] wire = stream(new Frame(9, new Rread(ByteBuffer.wrap(data))), new Frame(10, Rclunk.INSTANCE));
        var transport = new ScriptedReadTransport(wire, chunking.sizes());
        FrameReader reader = new FrameReader(transport, 1 << 20);
        FrameHeader h = new FrameHeader();

        assertThat(reader.readHeader(h)).isTrue();
        assertThat(h.tag()).isEqualTo(9);
        assertThat(h.type()).isEqualTo(MessageType.RREAD.code());
        int count = reader.readInt();
        ByteBuffer callers = ByteBuffer.allocateDirect(count);
        reader.readBody(callers, count);
        assertThat(callers.flip()).isEqualTo(ByteBuffer.wrap(data));

        assertThat(reader.readHeader(h)).isTrue();
        assertThat(h.tag()).isEqualTo(10);
        assertThat(h.bodySize()).isZero();
        assertThat(reader.readHeader(h)).as("clean end of stream").isFalse();
    }

    @Test
    void afterALargeBodyTheNextHeaderIsPeekedAtSoTheNextBodyIsNotCopiedTwice() throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(new Frame(i, new Rread(ByteBuffer.wrap(new byte[100_000]))));
        }
        for (int i = 0; i < 200; i++) {
            frames.add(new Frame(100 + i, Rclunk.INSTANCE));
        }
        var transport = new ScriptedReadTransport(stream(frames.toArray(Frame[]::new)), Chunking.WHOLE.sizes());
        transport.watchBuffersOf(FrameReader.READ_AHEAD);
        FrameReader reader = new FrameReader(transport, 1 << 20);
        FrameHeader h = new FrameHeader();
        ByteBuffer callers = ByteBuffer.allocate(100_000);
        for (int i = 0; i < 5; i++) {
            assertThat(reader.readHeader(h)).isTrue();
            int count = reader.readInt();
            reader.readBody(callers.clear(), count);
        }
        assertThat(transport.bytesIntoWatchedBuffers())
                .as("a full read-ahead for the first header, then a peek at each following one")
                .isLessThanOrEqualTo(FrameReader.READ_AHEAD + 4L * FrameReader.PEEK);
        int readsBefore = transport.reads();
        int small = 0;
        while (reader.readHeader(h)) {
            small++;
        }
        assertThat(small).isEqualTo(200);
        assertThat(transport.reads() - readsBefore).as("small frames bring the full read-ahead back").isLessThanOrEqualTo(4);
    }

    @Test
    void afterALargeTwriteTheNextPayloadIsLeftWholeOnTheConnection() throws Exception {
        Frame[] writes = new Frame[5];
        for (int i = 0; i < writes.length; i++) {
            writes[i] = new Frame(i, new Twrite(1, 100_000L * i, ByteBuffer.wrap(new byte[100_000])));
        }
        var transport = new PayloadTaker(new ScriptedReadTransport(stream(writes), Chunking.WHOLE.sizes()));
        FrameReader reader = new FrameReader(transport, 1 << 20);
        FrameHeader h = new FrameHeader();
        ByteBuffer fields = ByteBuffer.allocate(16);
        for (int i = 0; i < writes.length; i++) {
            assertThat(reader.readHeader(h)).isTrue();
            reader.readBody(fields.clear(), 16);
            reader.receiveInto(-1, 0, h.bodySize() - 16, FileWrites.HERE);
        }
        assertThat(reader.readHeader(h)).isFalse();
        assertThat(transport.takenWithHeader.subList(1, writes.length))
                .as("bytes of each payload after the first that came in with its header (and cost the file a write of their own)")
                .containsOnly(0);
    }

    /** Takes a Twrite's payload off the stream as a splicing socket would, noting what the read-ahead already held. */
    private static final class PayloadTaker extends ForwardingTransport {
        final List<Integer> takenWithHeader = new ArrayList<>();

        PayloadTaker(ScriptedReadTransport stream) {
            super(stream);
        }

        @Override
        public boolean receivesIntoFiles() {
            return true;
        }

        @Override
        public FileReceipt receiveInto(ByteBuffer buffered, int fd, long position, int count, FileWrites writes)
                throws IOException {
            takenWithHeader.add(buffered.remaining());
            inner.readFully(ByteBuffer.allocate(count - buffered.remaining()));
            return new FileReceipt(count, null);
        }
    }

    @Test
    void burstsOfSmallFramesCostFewReads() throws Exception {
        Frame[] frames = new Frame[500];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new Frame(i, new Tclunk(i));
        }
        var transport = new ScriptedReadTransport(stream(frames), Chunking.WHOLE.sizes());
        FrameReader reader = new FrameReader(transport, 1 << 20);
        FrameHeader h = new FrameHeader();
        int n = 0;
        while (reader.readHeader(h)) {
            reader.skip(h.bodySize());
            n++;
        }
        assertThat(n).isEqualTo(500);
        // 500 x 11 bytes fit in the 64 KiB read-ahead: one read for the data, one for the end.
        assertThat(transport.reads()).isLessThanOrEqualTo(3);
    }

    @Test
    void anOversizedFrameIsRefusedBeforeAnythingIsAllocated() throws Exception {
        byte[] wire = {(byte) 0xFF, (byte) 0xFF, 0x10, 0x00, 100, (byte) 0xFF, (byte) 0xFF};
        FrameReader reader = new FrameReader(new ScriptedReadTransport(wire, Chunking.WHOLE.sizes()), 65536);
        assertThatThrownBy(() -> reader.readFrame(pool))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds msize 65536");
        assertThat(pool.stats().byName("small").taken()).isZero();
        assertThat(pool.stats().unpooled().taken()).isZero();
    }

    @Test
    void aFrameSmallerThanItsHeaderIsRefused() {
        byte[] wire = {6, 0, 0, 0, 100, 0, 0};
        FrameReader reader = new FrameReader(new ScriptedReadTransport(wire, Chunking.WHOLE.sizes()), 65536);
        assertThatThrownBy(() -> reader.readHeader(new FrameHeader()))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("smaller than the 7-byte header");
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void aStreamEndingInsideAFrameIsAnEofNotACleanEnd(Chunking chunking) {
        byte[] whole = stream(new Frame(1, new Twalk(0, 1, "a", "b")));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        FrameReader reader = new FrameReader(new ScriptedReadTransport(cut, chunking.sizes()), 65536);
        assertThatThrownBy(() -> reader.readFrame(pool))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("ended in the middle of a message");
    }

    @Test
    void aStreamEndingBetweenFramesIsACleanEnd() throws Exception {
        FrameReader reader = new FrameReader(new ScriptedReadTransport(new byte[0], Chunking.WHOLE.sizes()), 65536);
        assertThat(reader.readFrame(pool)).isNull();
        assertThat(reader.readHeader(new FrameHeader())).isFalse();
    }

    @Test
    void theMsizeCanBeRaisedAfterNegotiation() throws Exception {
        byte[] wire = stream(new Frame(1, new Rread(ByteBuffer.allocate(10_000))));
        FrameReader reader = new FrameReader(new ScriptedReadTransport(wire, Chunking.WHOLE.sizes()), P9.MIN_MSIZE);
        reader.msize(65536);
        PooledBuffer b = reader.readFrame(pool);
        assertThat(b.buffer().remaining()).isEqualTo(10_011);
        b.release();
    }
}
