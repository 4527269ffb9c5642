package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twalk;
import io.ninep.transport.metrics.MetricsSnapshot;
import io.ninep.transport.metrics.PoolUse;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client tells the outside world: the Flight Recorder events of each request, of the
 * version exchange and of the close, and the counters of {@link Connection#metrics()}, after
 * sequences the scripted peer decides frame by frame (flush races included).
 */
class ObservationTest extends PeerTestBase {
    private static final String PEER = "pipe!server";

    @TempDir
    Path dir;
    private Recording recording;

    @BeforeEach
    void startRecording() {
        recording = new Recording();
        recording.enable(ClientRequestEvent.NAME);
        recording.enable(ClientVersionEvent.NAME);
        recording.enable(ClientCloseEvent.NAME);
        recording.start();
    }

    @AfterEach
    void closeRecording() {
        recording.close();
    }

    private List<RecordedEvent> recorded;

    /** Stops the recording (the first time) and returns its events named {@code name} for this test's peer, oldest first. */
    private List<RecordedEvent> events(String name) throws Exception {
        if (recorded == null) {
            recording.stop();
            Path file = dir.resolve("recording.jfr");
            recording.dump(file);
            recorded = RecordingFile.readAllEvents(file);
        }
        return recorded.stream()
                .filter(e -> e.getEventType().getName().equals(name) && PEER.equals(e.getString("peer")))
                .sorted(java.util.Comparator.comparing(RecordedEvent::getEndTime))
                .toList();
    }

    private int size(int tag, RMessage reply) {
        return peer.encode(tag, reply).length;
    }

    @Test
    void aRequestAndItsReplyAreOneEvent() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        peer.send(t.tag(), new Rgetattr(attr(7, 100)));
        call.result().get();

        RecordedEvent e = single(events(ClientRequestEvent.NAME));
        assertThat(e.getString("type")).isEqualTo("Tgetattr");
        assertThat(e.getInt("tag")).isEqualTo(t.tag());
        assertThat(e.getInt("requestBytes")).isEqualTo(t.bytes().length);
        assertThat(e.getInt("replyBytes")).isEqualTo(size(t.tag(), new Rgetattr(attr(7, 100))));
        assertThat(e.getString("outcome")).isEqualTo("replied");
        assertThat(e.getInt("errno")).isZero();
        assertThat(e.getDuration()).isPositive();
        assertThat(e.getEventType().getCategoryNames()).containsExactly("ninep", "client");
    }

    @Test
    void anErrorReplyIsAnErrorWithItsErrno() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("walk", () -> connection.call(new Twalk(0, 1, "missing")));
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rlerror(Errno.ENOENT.number()));
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(RemoteErrorException.class);

        RecordedEvent e = single(events(ClientRequestEvent.NAME));
        assertThat(e.getString("type")).isEqualTo("Twalk");
        assertThat(e.getString("outcome")).isEqualTo("error");
        assertThat(e.getInt("errno")).isEqualTo(Errno.ENOENT.number());
        assertThat(e.getInt("replyBytes")).isEqualTo(size(w.tag(), new Rlerror(Errno.ENOENT.number())));
    }

    @Test
    void anRflushAloneIsAFlushedRequestAndATflush() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        call.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(RequestCancelledException.class);

        List<RecordedEvent> events = events(ClientRequestEvent.NAME);
        assertThat(events).hasSize(2);
        RecordedEvent tflush = byType(events, "Tflush");
        assertThat(tflush.getInt("tag")).isEqualTo(flush.tag());
        assertThat(tflush.getString("outcome")).isEqualTo("replied");
        assertThat(tflush.getInt("requestBytes")).isEqualTo(flush.bytes().length);
        assertThat(tflush.getInt("replyBytes")).isEqualTo(size(flush.tag(), Rflush.INSTANCE));
        RecordedEvent flushed = byType(events, "Tgetattr");
        assertThat(flushed.getInt("tag")).isEqualTo(t.tag());
        assertThat(flushed.getString("outcome")).isEqualTo("flushed");
        assertThat(flushed.getInt("replyBytes")).isZero();
        // Its duration runs to the Rflush: it began before the Tflush and ends after it.
        assertThat(flushed.getStartTime()).isBefore(tflush.getStartTime());
        assertThat(flushed.getEndTime()).isAfterOrEqualTo(tflush.getEndTime());

        MetricsSnapshot m = connection.metrics().snapshot();
        assertThat(m.flushes()).isEqualTo(1);
        assertThat(m.flushed()).isEqualTo(1);
        assertThat(m.flushRaces()).isZero();
    }

    @Test
    void aReplyThatBeatsTheRflushIsRecordedAsTheWinner() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("walk", () -> connection.call(new Twalk(0, 1, "a")));
        Received walk = peer.expectFrame(Twalk.class);
        call.interrupt();
        Received flush = peer.expectFrame(Tflush.class);
        peer.send(walk.tag(), new Rwalk(qid(5)));
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result().get()).isEqualTo(new Rwalk(qid(5)));

        List<RecordedEvent> events = events(ClientRequestEvent.NAME);
        RecordedEvent won = byType(events, "Twalk");
        assertThat(won.getString("outcome")).isEqualTo("reply won the flush race");
        assertThat(won.getInt("replyBytes")).isEqualTo(size(walk.tag(), new Rwalk(qid(5))));
        assertThat(byType(events, "Tflush").getString("outcome")).isEqualTo("replied");

        MetricsSnapshot m = connection.metrics().snapshot();
        assertThat(m.flushed()).isZero();
        assertThat(m.flushRaces()).isEqualTo(1);
    }

    @Test
    void aRequestOnTheWireWhenTheServerHangsUpFailed() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        peer.expectFrame(Tgetattr.class);
        peer.disconnect();
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class);
        MetricsSnapshot m = connection.metrics().snapshot();
        assertThat(m.failed()).isEqualTo(1);
        assertThat(m.connections()).isZero();

        RecordedEvent e = single(events(ClientRequestEvent.NAME));
        assertThat(e.getString("outcome")).isEqualTo("failed");
        RecordedEvent close = single(events(ClientCloseEvent.NAME));
        assertThat(close.getString("reason")).isEqualTo("the server closed the connection");
        assertThat(close.getLong("requests")).isEqualTo(1);
        assertThat(close.getLong("failed")).isEqualTo(1);
    }

    @Test
    void theVersionExchangeAndTheCloseAreEvents() throws Exception {
        open(ClientConfig.defaults().withMsize(1 << 20), 256 * 1024, 128 * 1024, Dialect.P9P2000_L);
        connection.close();

        RecordedEvent v = single(events(ClientVersionEvent.NAME));
        assertThat(v.getString("transport")).isEqualTo("pipe");
        assertThat(v.getString("dialectAsked")).isEqualTo("9P2000.L");
        assertThat(v.getString("dialect")).isEqualTo("9P2000.L");
        assertThat(v.getLong("msizeAsked")).isEqualTo(1 << 20);
        assertThat(v.getLong("msizeAllowed")).isEqualTo(256 * 1024);
        assertThat(v.getLong("msizeAnswered")).isEqualTo(128 * 1024);
        assertThat(v.getLong("msize")).isEqualTo(128 * 1024);
        assertThat(v.getString("error")).isNull();

        RecordedEvent c = single(events(ClientCloseEvent.NAME));
        assertThat(c.getString("reason")).isEqualTo("closed by the client");
        assertThat(c.getLong("requests")).isZero();
        int version = new Tversion(256 * 1024, "9P2000.L").encodedSize(Dialect.P9P2000_L);
        assertThat(c.getLong("bytesOut")).isEqualTo(version);
    }

    @Test
    void metricsCountAKnownSequence() throws Exception {
        open(64 * 1024);
        long out = new Tversion(64 * 1024, "9P2000.L").encodedSize(Dialect.P9P2000_L);
        long in = out;   // the Rversion has the same fields
        for (int i = 0; i < 3; i++) {   // three replies
            Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
            Received t = peer.expectFrame(Tgetattr.class);
            peer.send(t.tag(), new Rgetattr(attr(1, i)));
            call.result().get();
            out += t.bytes().length;
            in += size(t.tag(), new Rgetattr(attr(1, i)));
        }
        Call<RMessage> failing = start("walk", () -> connection.call(new Twalk(0, 1, "x")));   // an error
        Received w = peer.expectFrame(Twalk.class);
        peer.send(w.tag(), new Rlerror(Errno.EACCES.number()));
        assertThat(failing.result()).failsWithin(ScriptedTimeout.DURATION);
        out += w.bytes().length;
        in += size(w.tag(), new Rlerror(Errno.EACCES.number()));

        Call<RMessage> waiting = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received pending = peer.expectFrame(Tgetattr.class);
        out += pending.bytes().length;
        MetricsSnapshot during = connection.metrics().snapshot();
        assertThat(during.inFlight()).isEqualTo(1);
        assertThat(during.poolInUse()).isEqualTo(1);
        assertThat(during.pool()).contains(new PoolUse("small", 4096, 1, 1));
        peer.send(pending.tag(), new Rgetattr(attr(1, 9)));
        waiting.result().get();
        in += size(pending.tag(), new Rgetattr(attr(1, 9)));

        MetricsSnapshot m = connection.metrics().snapshot();
        assertThat(m).isEqualTo(new MetricsSnapshot(1, 0, 5, 0, 0, 0, 1, 0, in, out, 64 * 1024, m.pool()));
        assertThat(m.poolInUse()).isZero();
        assertThat(m.pool()).extracting(PoolUse::sizeClass).containsExactly("small", "full", "reserve", "unpooled");
        assertThat(m.poolBytes()).isEqualTo(4096 + 4 * 4096);   // the small buffer the requests used, and the reserve
    }

    @Test
    void withoutARecordingNoEventIsMadeAndAfterwardsOneIsKeptPerRequest() throws Exception {
        recording.close();   // nothing enables the request event now
        ClientObserver observer = new ClientObserver(PEER, 0, 0);
        Request r = new Request(false);
        r.message = new Tgetattr(0, Attr.BASIC);
        observer.sent(r);
        assertThat(r.event).isNull();
        assertThat(r.timed).isFalse();

        try (Recording on = new Recording()) {
            on.enable(ClientRequestEvent.NAME);
            on.start();
            observer.sent(r);
            ClientRequestEvent made = r.event;
            assertThat(made).isNotNull();
            assertThat(r.timed).isTrue();
            observer.settled(r);
            r.reset();
            observer.sent(r);
            assertThat(r.event).as("reused with the request").isSameAs(made);
        }
        recording = new Recording();
    }

    private static RecordedEvent single(List<RecordedEvent> events) {
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    private static RecordedEvent byType(List<RecordedEvent> events, String type) {
        List<RecordedEvent> matching = events.stream().filter(e -> type.equals(e.getString("type"))).toList();
        assertThat(matching).as("events of %s", type).hasSize(1);
        return matching.getFirst();
    }
}
