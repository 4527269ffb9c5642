package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.MemoryStream;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import io.ninep.transport.Transport;
import io.ninep.transport.testing.ForwardingTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ServerConfig.busyPoll: a connection with nothing in flight watches its socket for that long
 * before its reader parks; one with a request in flight, or a server with the default, never does.
 * Told by the server side's transport, which records every poll and what was pending then.
 */
@Timeout(30)
class BusyPollTest {
    private static final Duration POLL = Duration.ofNanos(200_000);

    private final MemoryFileServer fs = new MemoryFileServer();

    BusyPollTest() {
        fs.root().file("data", "hello");
    }

    /** One poll: how long it was allowed, and the requests the connection had pending when it began. */
    private record Poll(long nanos, int pending) {}

    private static final class PollRecorder extends ForwardingTransport {
        final List<Poll> polls = new CopyOnWriteArrayList<>();
        volatile Connection connection;

        PollRecorder(Transport inner) {
            super(inner);
        }

        @Override
        public boolean pollReadable(long nanos) throws IOException {
            Connection c = connection;
            if (c != null) {
                polls.add(new Poll(nanos, c.pendingRequests()));
            }
            return super.pollReadable(nanos);
        }
    }

    /**
     * Only requests the reader runs itself (reads and writes of files that wait for nothing but
     * memory) leave nothing in flight when it comes back for the next frame; the others are
     * still running on their own threads then, and it parks.
     */
    @Test
    void anIdleConnectionPollsForItsNextRequestForTheConfiguredTime() throws Exception {
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults().withBusyPoll(POLL))) {
            PollRecorder[] recorder = new PollRecorder[1];
            fixture.serverSide(t -> recorder[0] = new PollRecorder(t));
            RawClient c = fixture.connect();
            openAsFid1(fixture, c, "data");
            recorder[0].connection = fixture.connection(c);
            for (int tag = 4; tag < 14; tag++) {   // reads of a memory file run on the reader itself
                assertThat(c.call(tag, new Tread(1, 0, 64), Rread.class).count()).isEqualTo(5);
            }
            fixture.assertQuiet(c);
            // A poll before each of the reads after the first: the one before the first may have
            // begun before the recorder knew the connection, and the one after the last races this check.
            List<Poll> polls = recorder[0].polls;
            assertThat(polls).as("a poll before each request read with nothing in flight").hasSizeGreaterThanOrEqualTo(9);
            assertThat(polls).allSatisfy(p -> {
                assertThat(p.nanos()).isEqualTo(POLL.toNanos());
                assertThat(p.pending()).isZero();
            });
        }
    }

    @Test
    void withTheDefaultTheReaderNeverPolls() throws Exception {
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults())) {
            PollRecorder[] recorder = new PollRecorder[1];
            fixture.serverSide(t -> recorder[0] = new PollRecorder(t));
            RawClient c = fixture.connect();
            recorder[0].connection = fixture.connection(c);
            c.start(8192);
            c.call(2, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
            fixture.assertQuiet(c);
            assertThat(recorder[0].polls).isEmpty();
        }
    }

    /** A read blocked on an empty stream is in flight: the reader parks at once, leaving the carrier to requests. */
    @Test
    void aConnectionWithARequestInFlightDoesNotPoll() throws Exception {
        MemoryStream events = fs.root().stream("events");
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults().withBusyPoll(POLL))) {
            PollRecorder[] recorder = new PollRecorder[1];
            fixture.serverSide(t -> recorder[0] = new PollRecorder(t));
            RawClient c = fixture.connect();
            openAsFid1(fixture, c, "events");
            recorder[0].connection = fixture.connection(c);
            c.send(4, new Tread(1, 0, 64));   // blocks until the stream has bytes
            for (int tag = 5; tag < 10; tag++) {
                c.call(tag, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
            }
            events.publish("x");
            assertThat(c.expect(4, Rread.class).count()).isEqualTo(1);
            fixture.assertQuiet(c);
            assertThat(recorder[0].polls).as("polls while the read was pending")
                    .filteredOn(p -> p.pending() > 0).isEmpty();
        }
    }

    /** Version, attach, and {@code name} opened for reading as fid 1; nothing left in flight. */
    private static void openAsFid1(ServerFixture fixture, RawClient c, String name) throws Exception {
        c.start(8192);
        c.walk(2, 0, 1, name);
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        fixture.assertQuiet(c);
    }

    @Test
    void aBusyPollIsBetweenZeroAndAMillisecond() {
        assertThatThrownBy(() -> ServerConfig.defaults().withBusyPoll(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0 to 1000 us");
        assertThatThrownBy(() -> ServerConfig.defaults().withBusyPoll(Duration.ofMillis(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("busy poll of 2000 us");
        assertThat(ServerConfig.defaults().busyPoll()).isZero();
        assertThat(ServerConfig.defaults().withBusyPoll(ServerConfig.MAX_BUSY_POLL).busyPoll()).isEqualTo(Duration.ofMillis(1));
    }
}
