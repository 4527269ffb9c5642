package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tread;
import io.ninep.server.spi.BufferSpan;
import io.ninep.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The connection's writer: queue order on the wire, batching while a write is in progress, failure. */
class ReplyQueueTest {

    /** Records what is written; its first write waits for {@code release} once {@code entered} is counted. */
    private static final class RecordingTransport implements Transport {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean holdFirst;
        volatile boolean fail;
        int writes;

        @Override
        public int read(ByteBuffer dst) {
            return -1;
        }

        @Override
        public synchronized void write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (fail) {
                throw new IOException("peer gone");
            }
            if (holdFirst && writes == 0) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            writes++;
            for (int i = offset; i < offset + length; i++) {
                byte[] b = new byte[srcs[i].remaining()];
                srcs[i].get(b);
                bytes.writeBytes(b);
            }
        }

        List<Frame> frames() throws Exception {
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            FrameDecoder d = new FrameDecoder(Dialect.P9P2000_L, 8 << 20);
            List<Frame> out = new ArrayList<>();
            while (b.hasRemaining()) {
                out.add(d.decode(b));
            }
            return out;
        }

        @Override
        public int maxMessageSize() {
            return DEFAULT_STREAM_MAX;
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
            return !fail;
        }

        @Override
        public void close() {
        }
    }

    private static Request request(int tag) {
        return new Request(null, tag, new Tclunk(tag), null, Request.State.DONE);
    }

    @Test
    void repliesQueuedWhileAWriteIsUnderWayGoOutTogetherInOrder() throws Exception {
        RecordingTransport t = new RecordingTransport();
        t.holdFirst = true;
        List<Request> written = new ArrayList<>();
        ReplyQueue q = new ReplyQueue(t, "test", null, r -> {
            synchronized (written) {
                written.add(r);
            }
        });
        q.dialect(Dialect.P9P2000_L);
        q.add(1, Rclunk.INSTANCE, request(1));
        Thread first = Thread.ofVirtual().start(q::drain);
        assertThat(t.entered.await(20, TimeUnit.SECONDS)).isTrue();   // the drainer is inside write
        for (int tag = 2; tag <= 10; tag++) {
            q.add(tag, tag % 2 == 0 ? new Rwrite(tag) : new Rread(ByteBuffer.wrap(new byte[] {(byte) tag})), request(tag));
            q.drain();   // returns at once: the first thread is draining
        }
        t.release.countDown();
        first.join(20_000);
        assertThat(t.writes).isEqualTo(2);
        assertThat(t.frames()).extracting(Frame::tag).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(((Rread) t.frames().get(2).body()).data().get(0)).isEqualTo((byte) 3);
        assertThat(written).extracting(r -> r.tag).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    /**
     * 32 requests started by one thread, as a connection's reader starts those of one read, each
     * queueing its reply and draining, saying others are running: the first drainer lets the rest
     * queue theirs before it writes. Measured against the same rounds drained without saying so
     * (no yield), interleaved, so that a busy machine slows both alike: 11 writes for 320 replies
     * against 320, and 15 against 300 with two CPU hogs running. An absolute bar (80) failed once
     * inside the whole suite, at 126.
     */
    @Test
    void repliesOfRequestsThatEndTogetherGoOutInAFewWrites() throws Exception {
        RecordingTransport yielding = new RecordingTransport();
        RecordingTransport direct = new RecordingTransport();
        ReplyQueue withYield = new ReplyQueue(yielding, "test", null, r -> { });
        ReplyQueue withoutYield = new ReplyQueue(direct, "test", null, r -> { });
        withYield.dialect(Dialect.P9P2000_L);
        withoutYield.dialect(Dialect.P9P2000_L);
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            endTogether(withYield, true);
            endTogether(withoutYield, false);
        }
        assertThat(yielding.frames()).hasSize(32 * rounds);
        assertThat(direct.frames()).hasSize(32 * rounds);
        assertThat(yielding.writes).as("writes for %d rounds of 32 replies, against %d without the yield", rounds, direct.writes)
                .isLessThanOrEqualTo(direct.writes / 2);
    }

    /** One round: 32 request threads started one after another, each queueing a reply and draining. */
    private static void endTogether(ReplyQueue q, boolean othersRunning) throws InterruptedException {
        List<Thread> requests = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            for (int tag = 0; tag < 32; tag++) {
                int tg = tag;
                requests.add(Thread.ofVirtual().start(() -> {
                    q.add(tg, new Rwrite(tg), request(tg));
                    q.drain(othersRunning);
                }));
            }
        });
        reader.join(20_000);
        for (Thread r : requests) {
            r.join(20_000);
        }
    }

    @Test
    void aFailedWriteStillEndsEveryRequestAndStopsWriting() throws Exception {
        RecordingTransport t = new RecordingTransport();
        t.fail = true;
        List<Request> written = new ArrayList<>();
        ReplyQueue q = new ReplyQueue(t, "test", null, written::add);
        for (int tag = 1; tag <= 3; tag++) {
            q.add(tag, Rclunk.INSTANCE, request(tag));
        }
        q.drain();
        q.add(4, Rclunk.INSTANCE, request(4));
        q.drain();
        assertThat(written).hasSize(4);
        q.awaitBelow(1);   // returns: nothing will ever drain on a failed connection
        assertThat(t.writes).isZero();
    }

    @Test
    void largePayloadsAndManySmallRepliesKeepTheirBytes() throws Exception {
        RecordingTransport t = new RecordingTransport();
        ReplyQueue q = new ReplyQueue(t, "test", null, r -> { });
        q.dialect(Dialect.P9P2000_L);
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        for (int tag = 0; tag < 5000; tag++) {   // more headers than the staging buffer holds
            q.add(tag, tag % 1000 == 0 ? new Rread(ByteBuffer.wrap(big)) : new Rwrite(tag), null);
        }
        q.drain();
        List<Frame> frames = t.frames();
        assertThat(frames).hasSize(5000);
        ByteBuffer data = ((Rread) frames.get(3000).body()).data();
        byte[] got = new byte[data.remaining()];
        data.get(got);
        assertThat(got).isEqualTo(big);
        assertThat(((Rwrite) frames.get(4999).body()).count()).isEqualTo(4999);
    }

    @Test
    void rreadsFromBuffersJoinTheGatheringWriteWithTheRepliesAroundThem() throws Exception {
        RecordingTransport t = new RecordingTransport();
        ReplyQueue q = new ReplyQueue(t, "test", null, r -> { });
        q.dialect(Dialect.P9P2000_L);
        byte[] pageA = new byte[70_000];
        byte[] pageB = new byte[1000];
        for (int i = 0; i < pageA.length; i++) {
            pageA[i] = (byte) (i * 13);
        }
        Arrays.fill(pageB, (byte) 9);
        ByteBuffer direct = ByteBuffer.allocateDirect(pageA.length).put(pageA).flip();
        for (int tag = 0; tag < 30; tag++) {
            if (tag % 10 == 5) {
                Request read = new Request(null, tag, new Tread(1, 0, 100_000), null, Request.State.DONE);
                read.span(new BufferSpan(List.of(direct.duplicate(), ByteBuffer.wrap(pageB))));
                q.add(tag, new Rread(ByteBuffer.allocate(0)), read);
            } else {
                q.add(tag, new Rwrite(tag), null);
            }
        }
        q.drain();
        assertThat(t.writes).as("one gathering write for all of them").isEqualTo(1);
        List<Frame> frames = t.frames();
        assertThat(frames).extracting(Frame::tag).containsExactlyElementsOf(IntStream.range(0, 30).boxed().toList());
        ByteBuffer data = ((Rread) frames.get(15).body()).data();
        byte[] got = new byte[data.remaining()];
        data.get(got);
        byte[] expected = Arrays.copyOf(pageA, pageA.length + pageB.length);
        System.arraycopy(pageB, 0, expected, pageA.length, pageB.length);
        assertThat(got).isEqualTo(expected);
        assertThat(((Rwrite) frames.get(16).body()).count()).isEqualTo(16);
    }
    @Test
    void aReplyWithAMegabyteOfPayloadEndsItsWriteAndItsRequestIsToldBeforeTheNextWrite() throws Exception {
        RecordingTransport t = new RecordingTransport();
        List<String> events = new ArrayList<>();
        ReplyQueue q = new ReplyQueue(t, "test", null, r -> events.add("tag " + r.tag + " after " + t.writes + " writes"));
        q.dialect(Dialect.P9P2000_L);
        byte[] big = new byte[ReplyQueue.RELEASE_AFTER];
        Arrays.fill(big, (byte) 3);
        for (int tag = 0; tag < 6; tag++) {
            boolean large = tag == 1 || tag == 2;
            Request r = new Request(null, tag, new Tread(1, 0, big.length), null, Request.State.DONE);
            q.add(tag, large ? new Rread(ByteBuffer.wrap(big)) : new Rwrite(tag), r);
        }
        q.drain();
        // 0 and 1 go in the first write, 2 alone in the second, 3 to 5 together in the third.
        assertThat(events).containsExactly("tag 0 after 1 writes", "tag 1 after 1 writes", "tag 2 after 2 writes",
                "tag 3 after 3 writes", "tag 4 after 3 writes", "tag 5 after 3 writes");
        assertThat(t.frames()).extracting(Frame::tag).containsExactly(0, 1, 2, 3, 4, 5);
        ByteBuffer data = ((Rread) t.frames().get(2).body()).data();
        assertThat(data.remaining()).isEqualTo(big.length);
    }
}
