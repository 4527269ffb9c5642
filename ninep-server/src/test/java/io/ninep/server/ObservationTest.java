package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Message;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.TMessage;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twalk;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.SyntheticFile;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import io.ninep.transport.metrics.MetricsSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server tells the outside world: the Flight Recorder events of each request, of
 * Tversion and of the close, and the counters of {@link Connection#metrics()} and
 * {@link NinepServer#metrics()}, driven frame by frame by a raw client. As in FlushTest, the
 * order of events is forced by backends that wait for the Tflush's interruption, and "the reader
 * has handled everything before" by a probe request whose reply comes back. No sleeps.
 */
class ObservationTest {
    private static final Dialect L = Dialect.P9P2000_L;

    @TempDir
    Path dir;
    private MemoryFileServer fs;
    private ServerFixture fixture;
    private RawClient c;
    private Recording recording;
    private List<RecordedEvent> recorded;

    @BeforeEach
    void setUp() throws IOException {
        fs = new MemoryFileServer();
        fs.root().stream("events");
        // Completes even when flushed: waits for the interruption a Tflush brings, then answers.
        fs.root().synthetic("stubborn", 0444, new SyntheticFile() {
            @Override
            public int read(long offset, ByteBuffer dst) {
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.park(this);
                }
                dst.put("late".getBytes(StandardCharsets.UTF_8));
                return 4;
            }
        });
        fs.root().file("hello", "hello");
        recording = new Recording();
        recording.enable(ServerRequestEvent.NAME);
        recording.enable(ServerVersionEvent.NAME);
        recording.enable(ServerCloseEvent.NAME);
        recording.start();
        fixture = new ServerFixture(fs, ServerConfig.defaults().withMaxMsize(64 * 1024));
        c = fixture.connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        recording.close();
        fixture.close();
    }

    private String peer() {
        return fixture.connection(c).name();
    }

    /** A request whose reply proves the reader has handled (and recorded) every frame before it. */
    private void probe(int tag) throws IOException {
        c.send(tag, new Tgetattr(0, Attr.BASIC));
        c.expect(tag, Rgetattr.class);
    }

    /** Waits until the connection is idle, stops the recording (once) and returns its events of {@code name}. */
    private List<RecordedEvent> events(String name) throws Exception {
        if (recorded == null) {
            fixture.assertQuiet(c);
            recording.stop();
            Path file = dir.resolve("recording.jfr");
            recording.dump(file);
            recorded = RecordingFile.readAllEvents(file);
        }
        String peer = peer();
        return recorded.stream()
                .filter(e -> e.getEventType().getName().equals(name) && peer.equals(e.getString("peer")))
                .sorted(Comparator.comparing(RecordedEvent::getEndTime))
                .toList();
    }

    private List<RecordedEvent> requests(String type) throws Exception {
        return events(ServerRequestEvent.NAME).stream().filter(e -> type.equals(e.getString("type"))).toList();
    }

    private RecordedEvent request(String type) throws Exception {
        List<RecordedEvent> list = requests(type);
        assertThat(list).as("events of %s", type).hasSize(1);
        return list.getFirst();
    }

    private static int size(Message m) {
        return m.encodedSize(L);
    }

    private void open(int fid, String name) throws IOException {
        c.walk(2, 0, fid, name);
        c.call(3, new Tlopen(fid, LinuxOpenFlags.O_RDONLY), Rlopen.class);
    }

    @Test
    void everyRequestIsAnEventWithItsSizesAndOutcome() throws Exception {
        c.start(8192);
        Rgetattr attr = c.call(5, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
        assertThat(c.rpc(6, new Twalk(0, 1, List.of("missing")))).isEqualTo(new Rlerror(Errno.ENOENT.number()));

        assertThat(events(ServerRequestEvent.NAME)).extracting(e -> e.getString("type"))
                .containsExactly("Tversion", "Tattach", "Tgetattr", "Twalk");
        RecordedEvent get = request("Tgetattr");
        assertThat(get.getInt("tag")).isEqualTo(5);
        assertThat(get.getInt("requestBytes")).isEqualTo(size(new Tgetattr(0, Attr.BASIC)));
        assertThat(get.getInt("replyBytes")).isEqualTo(size(attr));
        assertThat(get.getString("outcome")).isEqualTo("replied");
        assertThat(get.getDuration()).isPositive();
        assertThat(get.getEventType().getCategoryNames()).containsExactly("ninep", "server");
        RecordedEvent walk = request("Twalk");
        assertThat(walk.getString("outcome")).isEqualTo("error");
        assertThat(walk.getInt("errno")).isEqualTo(Errno.ENOENT.number());
        assertThat(walk.getInt("replyBytes")).isEqualTo(size(new Rlerror(Errno.ENOENT.number())));
        RecordedEvent version = request("Tversion");
        assertThat(version.getInt("tag")).isEqualTo(P9.NOTAG);
        assertThat(version.getInt("replyBytes")).isEqualTo(size(new Rversion(8192, "9P2000.L")));
    }

    @Test
    void aFlushedRequestHasOnlyItsRflush() throws Exception {
        c.start(8192);
        open(10, "events");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        c.expect(21, Rflush.class);
        probe(22);

        RecordedEvent read = request("Tread");
        assertThat(read.getInt("tag")).isEqualTo(20);
        assertThat(read.getString("outcome")).isEqualTo("flushed");
        assertThat(read.getInt("replyBytes")).isZero();
        RecordedEvent flush = request("Tflush");
        assertThat(flush.getInt("tag")).isEqualTo(21);
        assertThat(flush.getString("outcome")).isEqualTo("replied");
        assertThat(flush.getInt("replyBytes")).isEqualTo(size(Rflush.INSTANCE));
        assertThat(read.getEndTime()).isBeforeOrEqualTo(flush.getEndTime());

        MetricsSnapshot m = fixture.connection(c).metrics().snapshot();
        assertThat(m.flushes()).isEqualTo(1);
        assertThat(m.flushed()).isEqualTo(1);
        assertThat(m.flushRaces()).isZero();
    }

    @Test
    void aReplyThatWinsTheRaceIsWrittenAndRecordedSo() throws Exception {
        c.start(8192);
        open(10, "stubborn");
        c.send(20, new Tread(10, 0, 100));
        c.send(21, new Tflush(20));
        Rread late = c.expect(20, Rread.class);
        c.expect(21, Rflush.class);
        probe(22);

        RecordedEvent read = request("Tread");
        assertThat(read.getString("outcome")).isEqualTo("reply won the flush race");
        assertThat(read.getInt("replyBytes")).isEqualTo(size(late));
        assertThat(request("Tflush").getString("outcome")).isEqualTo("replied");
        MetricsSnapshot m = fixture.connection(c).metrics().snapshot();
        assertThat(m.flushed()).isZero();
        assertThat(m.flushRaces()).isEqualTo(1);
    }

    @Test
    void aTversionEndsTheRequestsInFlightWithoutReplies() throws Exception {
        c.start(8192);
        open(10, "events");
        c.send(20, new Tread(10, 0, 100));
        c.send(P9.NOTAG, new Tversion(16384, "9P2000.L"));
        c.expect(P9.NOTAG, Rversion.class);
        c.attach(1, 0, "root", "", 0);
        probe(22);

        assertThat(request("Tread").getString("outcome")).isEqualTo("failed");
        assertThat(fixture.connection(c).metrics().snapshot().failed()).isEqualTo(1);
        List<RecordedEvent> versions = events(ServerVersionEvent.NAME);
        assertThat(versions).extracting(e -> e.getLong("msizeAsked")).containsExactly(8192L, 16384L);
        RecordedEvent v = versions.getLast();
        assertThat(v.getString("versionAsked")).isEqualTo("9P2000.L");
        assertThat(v.getString("version")).isEqualTo("9P2000.L");
        assertThat(v.getLong("msizeAllowed")).isEqualTo(64 * 1024);
        assertThat(v.getLong("msize")).isEqualTo(16384);
        assertThat(v.getString("error")).isNull();
    }

    @Test
    void aRefusedTversionIsAVersionEventWithItsReason() throws Exception {
        c.send(P9.NOTAG, new Tversion(1000, "9P2000.L"));
        Rlerror refused = c.expect(P9.NOTAG, Rlerror.class);
        c.start(8192);
        probe(2);
        RecordedEvent v = events(ServerVersionEvent.NAME).getFirst();
        assertThat(v.getString("error")).contains("below the minimum");
        assertThat(requests("Tversion").getFirst().getString("outcome")).isEqualTo("error");
        assertThat(requests("Tversion").getFirst().getInt("errno")).isEqualTo(refused.errno());
    }

    @Test
    void theCloseIsAnEventWithTheConnectionsTotals() throws Exception {
        c.start(8192);
        probe(2);
        String peer = peer();
        fixture.disconnect(c);
        recording.stop();
        Path file = dir.resolve("close.jfr");
        recording.dump(file);
        RecordedEvent close = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(ServerCloseEvent.NAME) && peer.equals(e.getString("peer")))
                .findFirst().orElseThrow();
        assertThat(close.getString("reason")).isEqualTo("the client closed the connection");
        assertThat(close.getLong("requests")).isEqualTo(2);   // Tattach and the probe
        assertThat(close.getLong("bytesIn")).isEqualTo(size(new Tversion(8192, "9P2000.L"))
                + size(new io.ninep.protocol.message.Tattach(0, P9.NOFID, "root", "", 0)) + size(new Tgetattr(0, Attr.BASIC)));
        recorded = List.of();   // the recording is stopped; nothing more to read
    }

    @Test
    void metricsCountAKnownSequenceAndTheServerAddsUpItsConnections() throws Exception {
        long in = 0;
        long out = 0;
        c.start(8192);
        in += size(new Tversion(8192, "9P2000.L")) + size(new io.ninep.protocol.message.Tattach(0, P9.NOFID, "root", "", 0));
        out += size(new Rversion(8192, "9P2000.L")) + size(new io.ninep.protocol.message.Rattach(new io.ninep.protocol.message.Qid(io.ninep.protocol.message.Qid.DIR, 0, 0)));
        for (int tag = 10; tag < 13; tag++) {
            Rgetattr a = c.call(tag, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
            in += size(new Tgetattr(0, Attr.BASIC));
            out += size(a);
        }
        TMessage missing = new Twalk(0, 1, List.of("missing"));
        c.rpc(13, missing);
        in += size(missing);
        out += size(new Rlerror(Errno.ENOENT.number()));
        c.send(14, new Tflush(99));   // nothing to flush: answered at once
        c.expect(14, Rflush.class);
        in += size(new Tflush(99));
        out += size(Rflush.INSTANCE);
        fixture.assertQuiet(c);

        Connection server = fixture.connection(c);
        MetricsSnapshot m = server.metrics().snapshot();
        assertThat(m).isEqualTo(new MetricsSnapshot(1, 0, 5, 1, 0, 0, 1, 0, in, out, 8192, m.pool()));
        assertThat(m.poolInUse()).isZero();
        assertThat(m.pool()).extracting(p -> p.sizeClass()).containsExactly("small", "full", "reserve", "unpooled");

        RawClient other = fixture.connect();
        other.start(16384);
        MetricsSnapshot both = fixture.server().metrics().snapshot();
        assertThat(both.connections()).isEqualTo(2);
        assertThat(both.requests()).isEqualTo(6);
        assertThat(both.msize()).isEqualTo(16384);
        assertThat(both.pool()).extracting(p -> p.sizeClass() + " " + p.capacity())
                .containsExactly("small 4096", "full 8192", "reserve 4096", "unpooled 0", "full 16384");

        fixture.disconnect(other);
        MetricsSnapshot after = fixture.server().metrics().snapshot();
        assertThat(after.connections()).isEqualTo(1);
        assertThat(after.requests()).as("a closed connection's requests still count").isEqualTo(6);
        assertThat(after.bytesIn()).isEqualTo(both.bytesIn());
        assertThat(after.msize()).isEqualTo(8192);
        recording.stop();
        recorded = List.of();
    }
}
