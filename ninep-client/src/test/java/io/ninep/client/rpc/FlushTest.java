package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.RequestCancelledException.Reason;
import io.ninep.client.testing.Await;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlcreate;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlcreate;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twalk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The races of flush(5), forced by the scripted peer: what arrives before what is decided by the
 * script, byte by byte, never by timing.
 */
class FlushTest extends PeerTestBase {

    @Test
    void replyBeforeRflushIsHonouredAsTheResult() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("walk", () -> connection.call(new Twalk(0, 1, "a")));
        Received walk = peer.expectFrame(Twalk.class);
        call.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        assertThat(flush.as(Tflush.class).oldTag()).isEqualTo(walk.tag());

        long before = connection.framesReceived();
        peer.send(walk.tag(), new Rwalk(qid(5)));   // the walk made fid 1 before the server saw the Tflush
        awaitFrames(before, 1);
        // flush(5): the request keeps its tag and every buffer until the Rflush arrives.
        assertThat(call.result()).isNotDone();
        assertThat(connection.tagsInUse()).isEqualTo(2);
        assertThat(connection.poolStats().byName("small").inUse()).isEqualTo(1);
        assertThat(connection.poolStats().reserve().inUse()).isEqualTo(1);

        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result().get()).isEqualTo(new Rwalk(qid(5)));
        assertThat(call.thread().isInterrupted() || !call.thread().isAlive()).isTrue();
    }

    @Test
    void interruptedCallKeepsItsInterruptStatus() throws Exception {
        open(64 * 1024);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Call<RMessage> call = start("getattr", () -> {
            try {
                return connection.call(new Tgetattr(0, Attr.BASIC));
            } finally {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        Received t = peer.expectFrame(Tgetattr.class);
        call.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(t.tag(), new Rgetattr(attr(1, 1)));
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result().get()).isEqualTo(new Rgetattr(attr(1, 1)));
        assertThat(interruptedAfter.get()).isTrue();
    }

    @Test
    void rflushWithoutReplyCancels() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        call.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RequestCancelledException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
                    assertThat(e.wasSent()).isTrue();
                });
        assertThat(connection.isOpen()).isTrue();

        // The connection goes on; the cancelled request's tag is not reused at once.
        RpcFuture<RMessage> next = connection.send(new Tclunk(3));
        Received clunk = peer.expectFrame(Tclunk.class);
        assertThat(clunk.tag()).isNotEqualTo(t.tag()).isNotEqualTo(flush.tag());
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        next.get();
    }

    @Test
    void timeoutSendsTflush() throws Exception {
        open(64 * 1024);
        // Long enough for the writer to send it first on a loaded machine (with 1 ms the timeout
        // could come while it was still queued, and cancel it unsent), short enough for a test.
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC), Duration.ofMillis(300)));
        Received t = peer.expectFrame(Tgetattr.class);
        Received flush = peer.expectFrame(Tflush.class);
        assertThat(flush.as(Tflush.class).oldTag()).isEqualTo(t.tag());
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RequestCancelledException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT));
    }

    @Test
    void twoTflushForOneTagAnsweredOnlyByTheLast() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        call.interrupt();
        Received flush1 = peer.expectFrame(Tflush.class);
        Await.parked(call.thread());
        call.interrupt();
        Received flush2 = peer.expectFrame(Tflush.class);
        // flush(5): "Each subsequent Tflush must contain as oldtag the tag of the pending request
        // (not a previous Tflush)."
        assertThat(flush1.as(Tflush.class).oldTag()).isEqualTo(t.tag());
        assertThat(flush2.as(Tflush.class).oldTag()).isEqualTo(t.tag());
        assertThat(flush2.tag()).isNotEqualTo(flush1.tag());
        assertThat(connection.tagsInUse()).isEqualTo(3);

        // "A Rflush for any of the multiple Tflushes implies an answer for all previous ones."
        peer.send(flush2.tag(), Rflush.INSTANCE);
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(RequestCancelledException.class);
        Await.until("every tag is free", () -> connection.tagsInUse() == 0);
    }

    @Test
    void twoTflushAnsweredInOrder() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        call.interrupt();
        Received flush1 = peer.expectFrame(Tflush.class);
        Await.parked(call.thread());
        call.interrupt();
        Received flush2 = peer.expectFrame(Tflush.class);
        peer.send(t.tag(), new Rgetattr(attr(1, 2)));   // the reply beats both
        peer.send(flush1.tag(), Rflush.INSTANCE);
        assertThat(call.result().get()).isEqualTo(new Rgetattr(attr(1, 2)));
        assertThat(connection.tagsInUse()).isEqualTo(1);   // the second Tflush is still out
        peer.send(flush2.tag(), Rflush.INSTANCE);
        Await.until("every tag is free", () -> connection.tagsInUse() == 0);
    }

    @Test
    void disconnectWhileFlushingFailsTheRequest() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        peer.expectFrame(Tgetattr.class);
        call.interrupt();
        peer.expectFrame(Tflush.class);
        peer.disconnect();
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class);
        assertThat(connection.poolStats().inUse()).isZero();
        assertThat(connection.poolStats().reserve().inUse()).isZero();
    }

    @Test
    void disconnectAfterReplyBeforeRflushFailsTheRequest() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("walk", () -> connection.call(new Twalk(0, 1, "a")));
        Received walk = peer.expectFrame(Twalk.class);
        call.interrupt();
        peer.expectFrame(Tflush.class);
        peer.send(walk.tag(), new Rwalk(qid(1)));
        peer.disconnect();
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void cancelledFutureWhoseReplyWinsIsOrphaned() throws Exception {
        open(64 * 1024);
        List<RMessage> orphans = new ArrayList<>();
        RpcFuture<RMessage> f = connection.send(new Tlcreate(1, "new", 0102, 0644, 0), new ReplyHandler<>() {
            @Override
            public RMessage convert(RMessage reply, int count) {
                return reply;
            }

            @Override
            public void orphaned(TMessage request, RMessage reply) {
                orphans.add(reply);
            }
        });
        Received create = peer.expectFrame(Tlcreate.class);
        assertThat(f.cancel(true)).isTrue();
        assertThat(f.cancel(true)).as("cancel() a second time: still cancelled, as CompletableFuture says").isTrue();
        assertThat(f).isCancelled();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(create.tag(), new Rlcreate(qid(9), 0));   // the file was created and opened
        peer.send(flush.tag(), Rflush.INSTANCE);
        Await.until("the reply is accounted for", () -> !orphans.isEmpty());
        assertThat(orphans).containsExactly(new Rlcreate(qid(9), 0));

        // Only one Tflush went out: the next frame is the next request.
        RpcFuture<RMessage> next = connection.send(new Tclunk(1));
        Received clunk = peer.expectFrame(Tclunk.class);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        next.get();
    }

    @Test
    void cancelledFutureFlushedWithoutReply() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Twalk(0, 1, "a"));
        peer.expectFrame(Twalk.class);
        f.cancel(false);
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(f).isCancelled();
        assertThat(connection.awaitIdle(ScriptedTimeout.DURATION)).isTrue();
    }

    @Test
    void cancelledReadNeverWritesIntoTheCallersBuffer() throws Exception {
        open(64 * 1024);
        ByteBuffer dst = ByteBuffer.allocate(100);
        RpcFuture<Integer> f = connection.sendInto(new Tread(1, 0, 100), dst, ReplyHandler.COUNT);
        Received read = peer.expectFrame(Tread.class);
        f.cancel(true);
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(read.tag(), new Rread(ByteBuffer.wrap("late data".getBytes(StandardCharsets.US_ASCII))));
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(connection.awaitIdle(ScriptedTimeout.DURATION)).isTrue();
        assertThat(dst.position()).isZero();
        assertThat(dst.array()).containsOnly(0);
        assertThat(f).isCancelled();
    }

    @Test
    void orTimeoutFlushesTheRequest() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Tgetattr(0, Attr.BASIC));
        peer.expectFrame(Tgetattr.class);
        f.orTimeout(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(f).failsWithin(ScriptedTimeout.DURATION).withThrowableThat()
                .havingCause().isInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void moreCancellationsThanFlushTagsQueueUp() throws Exception {
        open(64 * 1024);
        int n = Connection.FLUSH_TAGS + 2;
        List<RpcFuture<RMessage>> futures = new ArrayList<>();
        List<Received> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(connection.send(new Tgetattr(i, Attr.BASIC)));
            sent.add(peer.expectFrame(Tgetattr.class));
        }
        for (RpcFuture<RMessage> f : futures) {
            f.cancel(true);
        }
        List<Received> flushes = new ArrayList<>();
        for (int i = 0; i < Connection.FLUSH_TAGS; i++) {
            flushes.add(peer.expectFrame(Tflush.class));
        }
        assertThat(peer.hasPendingFrame()).isFalse();
        assertThat(connection.poolStats().reserve().inUse()).isEqualTo(Connection.FLUSH_TAGS);
        // Each Rflush lets one waiting Tflush go.
        for (int i = 0; i < n; i++) {
            peer.send(flushes.get(i).tag(), Rflush.INSTANCE);
            if (i + Connection.FLUSH_TAGS < n) {
                flushes.add(peer.expectFrame(Tflush.class));
            }
        }
        assertThat(flushes).extracting(r -> r.as(Tflush.class).oldTag())
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Received::tag).toList());
        for (RpcFuture<RMessage> f : futures) {
            assertThat(f).isCancelled();
        }
    }

    @Test
    void requestCancelledBeforeItIsWrittenSendsNothing() throws Exception {
        // Two small buffers' worth of budget: the third request waits for a buffer, unsent.
        ClientConfig config = ClientConfig.defaults().withMsize(8192).withPoolBudget(8192);
        open(config);
        RpcFuture<RMessage> a = connection.send(new Tgetattr(1, Attr.BASIC));
        RpcFuture<RMessage> b = connection.send(new Tgetattr(2, Attr.BASIC));
        Received ra = peer.expectFrame(Tgetattr.class);
        Received rb = peer.expectFrame(Tgetattr.class);
        Call<RMessage> blocked = start("blocked", () -> connection.call(new Tclunk(3)));
        RpcFuture<RMessage> async = connection.send(new Tclunk(4));
        Await.parked(blocked.thread());
        blocked.interrupt();
        async.cancel(true);
        assertThat(blocked.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RequestCancelledException.class, e -> assertThat(e.wasSent()).isFalse());
        assertThat(async).isCancelled();

        peer.send(ra.tag(), new Rgetattr(attr(1, 1)));
        peer.send(rb.tag(), new Rgetattr(attr(2, 2)));
        a.get();
        b.get();
        // The next frame the peer sees is this one: neither cancelled Tclunk was written.
        RpcFuture<RMessage> c = connection.send(new Tgetattr(5, Attr.BASIC));
        Received rc = peer.expectFrame(Tgetattr.class);
        assertThat(rc.as(Tgetattr.class).fid()).isEqualTo(5);
        peer.send(rc.tag(), new Rgetattr(attr(5, 5)));
        c.get();
    }

    @Test
    void cancellingAFutureTwiceIsHarmless() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Tgetattr(0, Attr.BASIC));
        Received t = peer.expectFrame(Tgetattr.class);
        assertThat(f.cancel(true)).isTrue();
        assertThat(f.cancel(false)).isTrue();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(t.tag(), new Rgetattr(attr(1, 1)));
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(connection.awaitIdle(ScriptedTimeout.DURATION)).isTrue();
        assertThat(f).isCancelled();
        // One Tflush only: the next frame is the next request.
        RpcFuture<RMessage> next = connection.send(new Tclunk(1));
        Received clunk = peer.expectFrame(Tclunk.class);
        peer.send(clunk.tag(), Rclunk.INSTANCE);
        next.get();
    }
}
