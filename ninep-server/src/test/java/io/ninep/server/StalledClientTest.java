package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.SyntheticFile;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.Await;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that stops reading its replies in the middle of many large reads. Its replies back up
 * into the sockets' buffers, and then into the server: a regular file's large reads run on the
 * connection's reader, which waits in the socket write and reads no more requests; a synthetic
 * file's each have a thread, and their replies wait in the connection's reply queue (up to the
 * request limit, when the reader stops). Either way the server's other connections are served,
 * nothing is lost once the client reads again, and the server still shuts down, handing back
 * every buffer.
 */
@Timeout(60)
class StalledClientTest {
    private static final int MSIZE = 256 * 1024;
    private static final int READ = 128 * 1024;
    /**
     * 50 MiB of replies: far more than the client's receive buffer (fixed at 64 KiB) and the
     * server's send buffer (at most net.ipv4.tcp_wmem's 4 MiB by default) hold.
     */
    private static final int READS = 400;
    private static final int CLIENT_RECEIVE_BUFFER = 64 * 1024;
    private static final int FIRST_TAG = 100;

    @ParameterizedTest
    @ValueSource(strings = {"regular", "synthetic"})
    void otherConnectionsAreServedAndNothingIsLostWhenItReadsAgain(String file) throws Exception {
        try (ServerFixture fixture = new ServerFixture(fileServer(), ServerConfig.defaults()).clientReceiveBuffer(CLIENT_RECEIVE_BUFFER)) {
            RawClient stalled = stall(fixture, file);
            awaitUnanswered(fixture.connection(stalled));

            RawClient other = fixture.connect();
            other.start(8192);
            other.walk(2, 0, 2, file);
            other.call(3, new Tclunk(2), Rclunk.class);
            fixture.assertQuiet(other);

            stalled.resumeReading();
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < READS; i++) {   // in any order: a synthetic file's reads run side by side
                Frame f = stalled.receive();
                assertThat(f.body()).isInstanceOfSatisfying(Rread.class, r -> assertThat(r.count()).isEqualTo(READ));
                answered.add(f.tag());
            }
            assertThat(answered).isEqualTo(IntStream.range(FIRST_TAG, FIRST_TAG + READS).boxed().collect(Collectors.toSet()));
            stalled.call(30, new Tclunk(2), Rclunk.class);
            fixture.assertQuiet(stalled);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"regular", "synthetic"})
    void theServerStillShutsDownAndHandsBackItsBuffers(String file) throws Exception {
        try (ServerFixture fixture = new ServerFixture(fileServer(), ServerConfig.defaults()).clientReceiveBuffer(CLIENT_RECEIVE_BUFFER)) {
            RawClient stalled = stall(fixture, file);
            Connection connection = fixture.connection(stalled);
            awaitUnanswered(connection);

            fixture.server().shutdown(Duration.ofMillis(100));

            assertThat(connection.awaitClosed(Duration.ofSeconds(20))).as("the stalled connection closed").isTrue();
            assertThat(fixture.server().connections()).isEmpty();
            assertThat(connection.pendingRequests()).isZero();
            assertThat(connection.poolStats().inUse()).as("buffers still lent").isZero();
        }
    }

    /**
     * Waits until the stalled connection holds a read it has not finished (running, or answered
     * and not yet written): from then on it holds one for good, since the client takes nothing.
     */
    private static void awaitUnanswered(Connection c) throws InterruptedException {
        Await.until("the stalled connection holds a read", () -> c.metrics().snapshot().inFlight() > 0);
    }

    /** A client that opened {@code file}, stopped reading, then asked for {@link #READS} large reads of it. */
    private static RawClient stall(ServerFixture fixture, String file) throws IOException {
        RawClient c = fixture.connect();
        c.start(MSIZE);
        c.walk(2, 0, 2, file);
        c.call(3, new Tlopen(2, OpenFlags.O_RDONLY), Rlopen.class);
        c.stopReading();
        for (int i = 0; i < READS; i++) {
            c.send(FIRST_TAG + i, new Tread(2, (long) (i % 8) * READ, READ));
        }
        return c;
    }

    /** "regular": a 1 MiB file in memory, whose large reads run on the reader; "synthetic": one whose reads each have a thread. */
    private static MemoryFileServer fileServer() {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().file("regular", new byte[8 * READ]);
        fs.root().synthetic("synthetic", 0444, new SyntheticFile() {
            @Override
            public int read(long offset, ByteBuffer dst) {
                int n = dst.remaining();
                dst.position(dst.position() + n);
                return n;
            }
        });
        return fs;
    }
}
