package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.RequestCancelledException;
import io.ninep.client.testing.Await;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.testing.SendNowTransport;
import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A caller on an idle connection sends its own request (the transport's {@code sendNow}), and
 * the writer thread sends what the transport could not take, before anything else. Requests that
 * come while others are in flight still go through the writer, so that they leave together,
 * except large reads, which have nothing to leave with.
 */
class SendNowTest extends PeerTestBase {
    private SendNowTransport transport;

    private void open(IntUnaryOperator taken) throws Exception {
        open(64 * 1024, client -> transport = new SendNowTransport(client, taken));
    }

    @Test
    void aCallerOnAnIdleConnectionSendsItsOwnRequest() throws Exception {
        open(offered -> offered);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(4, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        assertThat(t.as(Tgetattr.class).fid()).isEqualTo(4);
        assertThat(transport.callers()).containsExactly(call.thread());
        peer.send(t.tag(), new Rgetattr(attr(7, 100)));
        assertThat(call.result().get()).isEqualTo(new Rgetattr(attr(7, 100)));

        // So does an asynchronous one, and a small Twrite with its payload.
        RpcFuture<RMessage> clunk = connection.send(new Tclunk(4));
        peer.send(peer.expectFrame(Tclunk.class).tag(), Rclunk.INSTANCE);
        clunk.get();
        byte[] data = "some bytes".getBytes();
        RpcFuture<RMessage> write = connection.send(new Twrite(5, 0, ByteBuffer.wrap(data)));
        Received w = peer.expectFrame(Twrite.class);
        assertThat(w.as(Twrite.class).data()).isEqualTo(ByteBuffer.wrap(data));
        peer.send(w.tag(), new Rwrite(data.length));
        assertThat(write.get()).isEqualTo(new Rwrite(data.length));
        assertThat(transport.callers()).hasSize(3).doesNotContain(readerOrWriter());
    }

    @Test
    void whatTheTransportCannotTakeTheWriterSendsBeforeTheNextRequest() throws Exception {
        open(offered -> 5);   // five bytes of the frame, then "no room"
        Call<RMessage> first = start("walk", () -> connection.call(new Twalk(0, 1, "a")));
        Received walk = peer.expectFrame(Twalk.class);
        assertThat(walk.as(Twalk.class).names()).containsExactly("a");
        Await.until("the first call sent its own frame", () -> transport.callers().size() == 1);

        // The connection is busy now: the next request goes through the writer, after the first.
        Call<RMessage> second = start("getattr", () -> connection.call(new Tgetattr(1, Attr.BASIC)));
        Received getattr = peer.expectFrame(Tgetattr.class);
        assertThat(transport.callers()).containsExactly(first.thread());
        peer.send(getattr.tag(), new Rgetattr(attr(1, 1)));
        peer.send(walk.tag(), new Rwalk(qid(2)));
        assertThat(first.result().get()).isEqualTo(new Rwalk(qid(2)));
        assertThat(second.result().get()).isEqualTo(new Rgetattr(attr(1, 1)));
    }

    @Test
    void whenTheTransportTakesNothingTheWriterSendsTheWholeFrame() throws Exception {
        open(offered -> 0);
        for (int i = 0; i < 3; i++) {
            awaitWriterIdle();   // it wrote the rest of the last frame: the next caller finds it idle
            Call<RMessage> call = start("clunk", () -> connection.call(new Tclunk(9)));
            Received clunk = peer.expectFrame(Tclunk.class);
            assertThat(clunk.as(Tclunk.class).fid()).isEqualTo(9);
            peer.send(clunk.tag(), Rclunk.INSTANCE);
            assertThat(call.result().get()).isEqualTo(Rclunk.INSTANCE);
        }
        assertThat(transport.callers()).hasSize(3);
    }

    @Test
    void anInterruptedCallWhoseCallerSentItIsFlushedAfterIt() throws Exception {
        open(offered -> offered);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        call.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        assertThat(flush.as(Tflush.class).oldTag()).isEqualTo(t.tag());
        assertThat(transport.callers()).containsExactly(call.thread());   // the Tflush went through the writer
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(RequestCancelledException.class);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void afterABurstTheFirstLoneRequestStillGoesThroughTheWriter() throws Exception {
        open(offered -> offered);
        RpcFuture<RMessage> a = connection.send(new Tclunk(1));   // alone: sent by its caller
        RpcFuture<RMessage> b = connection.send(new Tclunk(2));   // a burst: through the writer
        Received ra = peer.expectFrame(Tclunk.class);
        Received rb = peer.expectFrame(Tclunk.class);
        peer.send(ra.tag(), Rclunk.INSTANCE);
        peer.send(rb.tag(), Rclunk.INSTANCE);
        a.get();
        b.get();
        assertThat(transport.callers()).hasSize(1);

        // The connection is idle again, but the last request came in a burst: the next one may be
        // the first of another, so it goes through the writer; the one after finds it alone.
        for (int i = 0; i < 2; i++) {
            awaitWriterIdle();
            RpcFuture<RMessage> c = connection.send(new Tclunk(3));
            peer.send(peer.expectFrame(Tclunk.class).tag(), Rclunk.INSTANCE);
            c.get();
        }
        assertThat(transport.callers()).hasSize(2);
    }

    @Test
    void aLargeReadIsSentByItsCallerWhileOthersAwaitTheirReplies() throws Exception {
        open(offered -> offered);
        RpcFuture<RMessage> getattr = connection.send(new Tgetattr(1, Attr.BASIC));   // alone: by its caller
        Received g = peer.expectFrame(Tgetattr.class);
        awaitWriterIdle();

        // The getattr awaits its reply: a small request now goes through the writer, a large read does not.
        RpcFuture<RMessage> clunk = connection.send(new Tclunk(2));
        Received c = peer.expectFrame(Tclunk.class);
        assertThat(transport.callers()).hasSize(1);
        awaitWriterIdle();
        ByteBuffer dst = ByteBuffer.allocate(Exchanges.LARGE_PAYLOAD);
        RpcFuture<Integer> large = connection.sendInto(new Tread(3, 0, Exchanges.LARGE_PAYLOAD), dst, ReplyHandler.COUNT);
        Received r = peer.expectFrame(Tread.class);
        assertThat(transport.callers()).hasSize(2).doesNotContain(readerOrWriter());
        awaitWriterIdle();
        RpcFuture<Integer> small = connection.sendInto(new Tread(3, 0, Exchanges.LARGE_PAYLOAD - 1),
                ByteBuffer.allocate(Exchanges.LARGE_PAYLOAD - 1), ReplyHandler.COUNT);
        Received s = peer.expectFrame(Tread.class);
        assertThat(transport.callers()).as("a read below the threshold went through the writer").hasSize(2);

        byte[] data = new byte[Exchanges.LARGE_PAYLOAD];
        java.util.Arrays.fill(data, (byte) 7);
        peer.send(r.tag(), new Rread(ByteBuffer.wrap(data)));
        peer.send(s.tag(), new Rread(ByteBuffer.allocate(0)));
        peer.send(c.tag(), Rclunk.INSTANCE);
        peer.send(g.tag(), new Rgetattr(attr(1, 1)));
        assertThat(large.get()).isEqualTo(Exchanges.LARGE_PAYLOAD);
        assertThat(dst.array()).containsOnly((byte) 7);
        assertThat(small.get()).isZero();
        clunk.get();
        getattr.get();
    }

    @Test
    void aLargeWriteFromADirectBufferIsSentByItsCallerAndWhatTheSocketLeftByTheWriter() throws Exception {
        open(offered -> offered);
        RpcFuture<RMessage> getattr = connection.send(new Tgetattr(1, Attr.BASIC));   // alone: by its caller
        Received g = peer.expectFrame(Tgetattr.class);
        awaitWriterIdle();

        // Others await their replies; the socket takes 100 bytes of the frame: the head and some payload.
        transport.taking(offered -> 100);
        ByteBuffer data = ByteBuffer.allocateDirect(Exchanges.LARGE_PAYLOAD);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) i);
        }
        RpcFuture<RMessage> large = connection.send(new Twrite(3, 0, data));
        Received w = peer.expectFrame(Twrite.class);
        assertThat(w.as(Twrite.class).data()).as("the whole payload, the rest written by the writer").isEqualTo(data);
        assertThat(transport.callers()).hasSize(2).doesNotContain(readerOrWriter());
        transport.taking(offered -> offered);
        awaitWriterIdle();

        // From the heap, or below the threshold, it goes through the writer.
        RpcFuture<RMessage> heap = connection.send(new Twrite(3, 0, ByteBuffer.allocate(Exchanges.LARGE_PAYLOAD)));
        Received h = peer.expectFrame(Twrite.class);
        awaitWriterIdle();
        RpcFuture<RMessage> small = connection.send(new Twrite(3, 0, ByteBuffer.allocateDirect(Exchanges.LARGE_PAYLOAD - 1)));
        Received s = peer.expectFrame(Twrite.class);
        assertThat(transport.callers()).as("neither went by its caller").hasSize(2);

        peer.send(w.tag(), new Rwrite(Exchanges.LARGE_PAYLOAD));
        peer.send(h.tag(), new Rwrite(Exchanges.LARGE_PAYLOAD));
        peer.send(s.tag(), new Rwrite(Exchanges.LARGE_PAYLOAD - 1));
        peer.send(g.tag(), new Rgetattr(attr(1, 1)));
        assertThat(large.get()).isEqualTo(new Rwrite(Exchanges.LARGE_PAYLOAD));
        assertThat(data.position()).as("the caller's buffer is left as it was").isZero();
        heap.get();
        small.get();
        getattr.get();
    }

    /** Until the writer thread has come back for work: a caller sends only while it is idle. */
    private void awaitWriterIdle() {
        Await.until("the writer waits for work", connection::writerIdle);
    }

    /** The connection's own threads, which must never call sendNow. */
    private Thread[] readerOrWriter() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ninep-reader") || t.getName().startsWith("ninep-writer"))
                .toArray(Thread[]::new);
    }
}
