package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FrameWriter#write(int[], Message[], int)}: several frames, in order, in one gathering write. */
class FrameWriterBatchTest {

    /** A transport that records the number of write calls and every byte written. */
    private static final class Recording implements Transport {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int writes;

        @Override
        public int read(ByteBuffer dst) {
            return -1;
        }

        @Override
        public void write(ByteBuffer[] srcs, int offset, int length) {
            writes++;
            for (int i = offset; i < offset + length; i++) {
                while (srcs[i].hasRemaining()) {
                    bytes.write(srcs[i].get());
                }
            }
        }

        @Override
        public int maxMessageSize() {
            return Transport.DEFAULT_STREAM_MAX;
        }

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public String peer() {
            return "test";
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static List<Frame> decode(byte[] bytes) throws IOException {
        FrameDecoder d = new FrameDecoder(Dialect.P9P2000_L, 1 << 20);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<Frame> frames = new ArrayList<>();
        while (b.hasRemaining()) {
            frames.add(d.decode(b));
        }
        return frames;
    }

    @Test
    void smallFramesAndPayloadsGoInOneWriteAndInOrder() throws IOException {
        Recording t = new Recording();
        FrameWriter w = new FrameWriter(t, Dialect.P9P2000_L);
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        data.position(1);
        Message[] bodies = {new Tgetattr(1, 0x7ff), new Twrite(2, 10, data), new Tclunk(3), new Twrite(4, 0, ByteBuffer.allocate(0))};
        w.write(new int[] {7, 8, 9, 10}, bodies, 4);
        assertThat(t.writes).isEqualTo(1);
        List<Frame> frames = decode(t.bytes.toByteArray());
        assertThat(frames).extracting(Frame::tag).containsExactly(7, 8, 9, 10);
        assertThat(frames.get(0).body()).isEqualTo(bodies[0]);
        Twrite got = (Twrite) frames.get(1).body();
        assertThat(got.count()).isEqualTo(4);
        assertThat(got.data().get(0)).isEqualTo((byte) 2);
        assertThat(data.position()).as("the caller's payload position is left alone").isEqualTo(1);
        assertThat(frames.get(2).body()).isEqualTo(bodies[2]);
    }

    @Test
    void moreThanTheStagingBufferHoldsGoesInSeveralWritesStillInOrder() throws IOException {
        Recording t = new Recording();
        FrameWriter w = new FrameWriter(t, Dialect.P9P2000_L);
        int n = 600;   // 600 Tgetattr of 19 bytes: more than 8 KiB of headers
        Message[] bodies = new Message[n + 1];
        int[] tags = new int[n + 1];
        for (int i = 0; i < n; i++) {
            bodies[i] = new Tgetattr(i, 1);
            tags[i] = i;
        }
        // and one whose encoded part is larger than the staging buffer on its own
        bodies[n] = new Twalk(1, 2, Collections.nCopies(16, "x".repeat(1000)));
        tags[n] = n;
        w.write(tags, bodies, n + 1);
        assertThat(t.writes).isBetween(2, 4);
        List<Frame> frames = decode(t.bytes.toByteArray());
        assertThat(frames).hasSize(n + 1);
        for (int i = 0; i <= n; i++) {
            assertThat(frames.get(i).tag()).isEqualTo(i);
            assertThat(frames.get(i).body()).isEqualTo(bodies[i]);
        }
    }
}
