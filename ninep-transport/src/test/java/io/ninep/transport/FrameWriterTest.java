package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.codec.FrameEncoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import io.ninep.transport.testing.ScriptedReadTransport;
import io.ninep.transport.testing.SendNowTransport;
import io.ninep.protocol.message.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
    private static final Dialect L = Dialect.P9P2000_L;

    @Test
    void aPayloadIsSentFromItsOwnBufferWithoutMovingIt() throws Exception {
        var transport = new ScriptedReadTransport(new byte[0], () -> 1);
        FrameWriter writer = new FrameWriter(transport, L);
        ByteBuffer data = ByteBuffer.wrap("hello, 9p".getBytes());
        data.position(7);
        writer.write(5, new Twrite(1, 0, data));

        assertThat(data.position()).isEqualTo(7);
        assertThat(transport.written()).hasSize(2);
        assertThat(transport.written().get(0)).hasSize(Twrite.HEADER_SIZE);
        assertThat(new String(transport.written().get(1))).isEqualTo("9p");
        ByteBuffer whole = ByteBuffer.allocate(Twrite.HEADER_SIZE + 2)
                .put(transport.written().get(0)).put(transport.written().get(1)).flip();
        assertThat(whole).isEqualTo(FrameEncoder.encode(new Frame(5, new Twrite(1, 0, ByteBuffer.wrap("9p".getBytes()))), L));
    }

    @Test
    void aMessageWithoutPayloadIsOneBuffer() throws Exception {
        var transport = new ScriptedReadTransport(new byte[0], () -> 1);
        new FrameWriter(transport, L).write(3, new Tclunk(7));
        assertThat(transport.written()).hasSize(1);
        assertThat(ByteBuffer.wrap(transport.written().getFirst()))
                .isEqualTo(FrameEncoder.encode(new Frame(3, new Tclunk(7)), L));
    }

    @Test
    void anEncodedPartLargerThanTheStagingBufferIsStillWrittenWhole() throws Exception {
        var transport = new ScriptedReadTransport(new byte[0], () -> 1);
        List<String> names = Collections.nCopies(16, "x".repeat(1000));
        new FrameWriter(transport, L).write(3, new Twalk(1, 2, names));
        assertThat(ByteBuffer.wrap(transport.written().getFirst()))
                .isEqualTo(FrameEncoder.encode(new Frame(3, new Twalk(1, 2, names)), L));
    }

    @Test
    void concurrentWritersNeverInterleaveFramesAndTagsAreAssignedUnderTheLock() throws Exception {
        int writers = 16;
        int each = 200;
        PipePair pair = PipePair.open();
        try (Transport c = pair.client(); Transport s = pair.server(); var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            FrameWriter writer = new FrameWriter(pair.client(), L);
            int[] nextTag = {0};
            List<Future<?>> jobs = new ArrayList<>();
            Future<Set<Integer>> reading = exec.submit(() -> {
                BufferPool pool = new BufferPool(65536, 1 << 20, false);
                FrameReader reader = new FrameReader(pair.server(), 65536);
                FrameDecoder decoder = new FrameDecoder(L, 65536);
                Set<Integer> tags = new HashSet<>();
                for (int i = 0; i < writers * each; i++) {
                    PooledBuffer b = reader.readFrame(pool);
                    try {
                        Frame f = decoder.decode(b.buffer());
                        tags.add(f.tag());
                        // Checked while the frame's buffer is held: the payload is a view of it.
                        Twrite w = (Twrite) f.body();
                        assertThat(w.count()).isEqualTo(3000 + w.fid());
                        for (int k = 0; k < w.count(); k++) {
                            assertThat(w.data().get(w.data().position() + k)).isEqualTo((byte) w.fid());
                        }
                    } finally {
                        b.release();
                    }
                }
                assertThat(pool.stats().inUse()).isZero();
                return tags;
            });
            for (int w = 0; w < writers; w++) {
                int id = w;
                jobs.add(exec.submit(() -> {
                    byte[] payload = new byte[3000 + id];
                    java.util.Arrays.fill(payload, (byte) id);
                    for (int i = 0; i < each; i++) {
                        writer.write(new Twrite(id, i, ByteBuffer.wrap(payload)), () -> nextTag[0]++);
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
            assertThat(reading.get()).hasSize(writers * each);
        }
    }

    @Test
    void aFrameSentInPartNowHasItsRestWrittenBeforeAnythingElse() throws Exception {
        var script = new ScriptedReadTransport(new byte[0], () -> 1);
        var transport = new SendNowTransport(script, offered -> 5);
        FrameWriter writer = new FrameWriter(transport, L);
        Twalk walk = new Twalk(1, 2, List.of("a", "bc"));
        assertThat(writer.canWriteNow(walk)).isTrue();

        assertThat(writer.writeNow(9, walk)).as("sent whole").isFalse();
        assertThatThrownBy(() -> writer.writeNow(10, new Tclunk(1)))
                .as("nothing may overtake the rest").isInstanceOf(IllegalStateException.class);
        writer.write(10, new Tclunk(2));
        writer.writeRest();   // nothing left: writes nothing

        assertThat(decodeAll(script.written())).containsExactly(new Frame(9, walk), new Frame(10, new Tclunk(2)));
        assertThat(script.written().getFirst()).as("what sendNow took").hasSize(5);
    }

    @Test
    void theRestOfAFrameGoesWithWriteRestOrAheadOfABatch() throws Exception {
        var script = new ScriptedReadTransport(new byte[0], () -> 1);
        var transport = new SendNowTransport(script, offered -> 0);
        FrameWriter writer = new FrameWriter(transport, L);
        assertThat(writer.writeNow(1, new Tclunk(1))).isFalse();
        writer.writeRest();
        transport.taking(offered -> offered - 1);
        assertThat(writer.writeNow(2, new Tclunk(2))).isFalse();
        writer.write(new int[] {3, 4}, new Message[] {new Tclunk(3), new Tclunk(4)}, 2);
        transport.taking(offered -> offered);
        assertThat(writer.writeNow(5, new Tclunk(5))).isTrue();

        assertThat(decodeAll(script.written())).extracting(Frame::tag).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aLargeTwriteSentNowGoesHeadAndPayloadTogetherAndItsRestFromWhereTheSendStopped() throws Exception {
        ByteBuffer data = ByteBuffer.allocateDirect(20_000);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) (i * 7));
        }
        data.position(100);   // the payload is the buffer from its position, which must stay put
        Twrite write = new Twrite(4, 1 << 20, data);
        int headLength = FrameEncoder.headerSize(write, L);
        for (int taken : new int[] {0, 3, headLength, headLength + 1, headLength + 12_345, write.encodedSize(L)}) {
            var script = new ScriptedReadTransport(new byte[0], () -> 1);
            var transport = new SendNowTransport(script, offered -> taken);
            FrameWriter writer = new FrameWriter(transport, L);
            assertThat(writer.canWriteNow(write)).isTrue();

            boolean whole = writer.writeNow(7, write);
            writer.write(8, new Tclunk(4));

            assertThat(whole).as("whole when %d bytes went", taken).isEqualTo(taken == write.encodedSize(L));
            assertThat(decodeAll(script.written())).as("after %d bytes went at once", taken)
                    .containsExactly(new Frame(7, write), new Frame(8, new Tclunk(4)));
            assertThat(data.position()).isEqualTo(100);
            assertThat(transport.callers()).hasSize(1);
        }
    }

    @Test
    void framesThatFitTheStagingBufferOrCarryADirectPayloadMayBeSentNow() {
        var script = new ScriptedReadTransport(new byte[0], () -> 1);
        assertThat(new FrameWriter(script, L).canWriteNow(new Tclunk(1))).as("a transport that cannot").isFalse();
        FrameWriter writer = new FrameWriter(new SendNowTransport(script, offered -> offered), L);
        assertThat(writer.canWriteNow(new Twrite(1, 0, ByteBuffer.allocate(4000)))).isTrue();
        assertThat(writer.canWriteNow(new Twrite(1, 0, ByteBuffer.allocate(9000)))).as("a heap payload").isFalse();
        assertThat(writer.canWriteNow(new Twrite(1, 0, ByteBuffer.allocateDirect(9000)))).as("a direct payload").isTrue();
        assertThat(writer.canWriteNow(new Twalk(1, 2, Collections.nCopies(16, "x".repeat(1000))))).isFalse();
    }

    /** Every frame in the concatenation of {@code chunks}. */
    private static List<Frame> decodeAll(List<byte[]> chunks) throws Exception {
        ByteBuffer all = ByteBuffer.allocate(chunks.stream().mapToInt(c -> c.length).sum());
        chunks.forEach(all::put);
        all.flip();
        FrameDecoder decoder = new FrameDecoder(L, 1 << 20);
        List<Frame> frames = new ArrayList<>();
        while (all.hasRemaining()) {
            frames.add(decoder.decode(all));
        }
        return frames;
    }
}
