package io.ninep.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.Session;
import io.ninep.it.peers.Diod;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.testing.Prerequisites;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.metrics.MetricsSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's counters and Flight Recorder events against real servers: diod, and ninep's own
 * server, whose counters and events must tell the same story from the other end.
 */
class ObservationIT {
    @TempDir
    Path dir;

    /** What every run does: attach, a failing walk, getattr, read a file of 5 bytes, clunk. */
    private static void exercise(Session s, String aname, Path export) throws IOException {
        Files.writeString(export.resolve("hello"), "hello");
        try (Fid root = s.attach(null, "root", aname, 0)) {
            assertThatThrownBy(() -> root.walk("missing")).isInstanceOf(RemoteErrorException.class);
            root.getattr();
            try (Fid f = root.walk("hello")) {
                f.open(LinuxOpenFlags.O_RDONLY);
                assertThat(f.read(0, ByteBuffer.allocate(100))).isEqualTo(5);
            }
        }
    }

    private List<RecordedEvent> stop(Recording r) throws IOException {
        r.stop();
        Path file = dir.resolve("run.jfr");
        r.dump(file);
        return RecordingFile.readAllEvents(file);
    }

    private static Recording record(String... names) {
        Recording r = new Recording();
        for (String n : names) {
            r.enable(n);
        }
        r.start();
        return r;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> all, String name, String peerPrefix) {
        return all.stream().filter(e -> e.getEventType().getName().equals(name)
                && e.getString("peer").startsWith(peerPrefix)).toList();
    }

    @Test
    void againstDiod() throws Exception {
        Prerequisites.require(Diod.available(), "/usr/sbin/diod (Debian package diod) and root");
        try (Diod diod = Diod.start(); Recording rec = record("io.ninep.client.Request", "io.ninep.client.Version",
                "io.ninep.client.Close")) {
            MetricsSnapshot m;
            try (Session s = Session.connect(diod.address(), ClientConfig.defaults())) {
                exercise(s, diod.export().toString(), diod.export());
                assertThat(s.connection().awaitIdle(Duration.ofSeconds(20))).isTrue();
                m = s.metrics().snapshot();
            }
            // Tattach, Twalk (fails), Tgetattr, Twalk, Tlopen, Tread, Tclunk x2
            assertThat(m.requests()).isEqualTo(8);
            assertThat(m.errors()).isEqualTo(1);
            assertThat(m.inFlight()).isZero();
            assertThat(m.msize()).isEqualTo(65536);
            assertThat(m.failed() + m.flushes()).isZero();

            List<RecordedEvent> all = stop(rec);
            String peer = diod.address();
            List<RecordedEvent> requests = named(all, "io.ninep.client.Request", peer);
            assertThat(requests).extracting(e -> e.getString("type")).containsExactlyInAnyOrder(
                    "Tattach", "Twalk", "Tgetattr", "Twalk", "Tlopen", "Tread", "Tclunk", "Tclunk");
            assertThat(requests).filteredOn(e -> e.getString("outcome").equals("error")).singleElement()
                    .satisfies(e -> assertThat(e.getInt("errno")).isEqualTo(2));
            assertThat(requests.stream().mapToLong(e -> e.getInt("requestBytes")).sum() + 21).isEqualTo(m.bytesOut());
            assertThat(requests.stream().mapToLong(e -> e.getInt("replyBytes")).sum() + 21).isEqualTo(m.bytesIn());
            RecordedEvent v = named(all, "io.ninep.client.Version", peer).getFirst();
            assertThat(v.getLong("msizeAnswered")).isEqualTo(65536);
            assertThat(v.getLong("msize")).isEqualTo(65536);
            assertThat(named(all, "io.ninep.client.Close", peer)).singleElement()
                    .satisfies(e -> assertThat(e.getLong("requests")).isEqualTo(8));
        }
    }

    @Test
    void againstNinepsServerBothEndsAgree() throws Exception {
        Path export = Files.createDirectory(dir.resolve("export"));
        NinepServer server = new NinepServer(new LocalFileServer(export), ServerConfig.defaults());
        Listener listener = server.listen(DialAddress.parse("tcp!127.0.0.1!0"));
        try (Recording rec = record("io.ninep.client.Request", "io.ninep.server.Request")) {
            MetricsSnapshot client;
            try (Session s = Session.connect(listener.address().toString(), ClientConfig.defaults())) {
                exercise(s, "", export);
                assertThat(s.connection().awaitIdle(Duration.ofSeconds(20))).isTrue();
                var c = server.connections().getFirst();
                assertThat(c.awaitIdle(Duration.ofSeconds(20))).isTrue();
                client = s.metrics().snapshot();
                MetricsSnapshot served = c.metrics().snapshot();
                assertThat(served.requests()).isEqualTo(client.requests()).isEqualTo(8);
                assertThat(served.errors()).isEqualTo(client.errors()).isEqualTo(1);
                assertThat(served.bytesIn()).isEqualTo(client.bytesOut());
                assertThat(served.bytesOut()).isEqualTo(client.bytesIn());
            }
            server.shutdown(Duration.ofSeconds(5));
            MetricsSnapshot total = server.metrics().snapshot();
            assertThat(total.connections()).isZero();
            assertThat(total.requests()).isEqualTo(8);

            List<RecordedEvent> all = stop(rec);
            List<RecordedEvent> sent = named(all, "io.ninep.client.Request", listener.address().toString());
            List<RecordedEvent> served = named(all, "io.ninep.server.Request", "#");
            assertThat(served).hasSize(sent.size() + 1);   // the server's include Tversion
            for (RecordedEvent e : sent) {
                RecordedEvent other = served.stream().filter(o -> o.getInt("tag") == e.getInt("tag")
                        && o.getString("type").equals(e.getString("type"))).findFirst().orElseThrow();
                assertThat(other.getInt("requestBytes")).isEqualTo(e.getInt("requestBytes"));
                assertThat(other.getInt("replyBytes")).isEqualTo(e.getInt("replyBytes"));
                assertThat(other.getString("outcome")).isEqualTo(e.getString("outcome"));
            }
        } finally {
            server.close();
            listener.close();
        }
    }
}
