package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;

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
}
