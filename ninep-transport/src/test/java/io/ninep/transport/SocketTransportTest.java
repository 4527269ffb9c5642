package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.codec.FrameDecoder;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Twrite;
import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets: an echo of frames over TCP loopback, a Unix socket, and a child process's pipes. */
class SocketTransportTest {
    private static final Dialect L = Dialect.P9P2000_L;

    @TempDir
    Path dir;

    @Test
    void tcpLoopback() throws Exception {
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0))) {
            DialAddress.Tcp bound = (DialAddress.Tcp) listener.address();
            assertThat(bound.port()).isPositive();
            exchange(listener, bound, "tcp");
        }
    }

    @Test
    void unixSocket() throws Exception {
        Path sock = dir.resolve("ninep.sock");
        try (Listener listener = Listener.bind(new DialAddress.Unix(sock))) {
            exchange(listener, listener.address(), "unix");
        }
        assertThat(sock).as("socket file removed on close").doesNotExist();
    }

    @Test
    void aStaleUnixSocketFileIsReplacedButALiveOneIsNot() throws Exception {
        Path sock = dir.resolve("stale.sock");
        Listener first = Listener.bind(new DialAddress.Unix(sock));
        assertThatThrownBy(() -> Listener.bind(new DialAddress.Unix(sock)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already listening");
        // Simulate a crash: the channel closes but the file stays.
        Path keep = dir.resolve("kept");
        Files.createLink(keep, sock);
        first.close();
        Files.move(keep, sock);
        try (Listener second = Listener.bind(new DialAddress.Unix(sock))) {
            assertThat(second.isOpen()).isTrue();
        }
    }

    @Test
    void dialingNobodySaysWhere() {
        assertThatThrownBy(() -> Dialer.dial(new DialAddress.Unix(dir.resolve("none.sock")), Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot connect to unix!");
    }

    @Test
    void childProcessPipes() throws Exception {
        try (ProcessTransport cat = ProcessTransport.spawn(List.of("cat"))) {
            assertThat(cat.kind()).isEqualTo("pipe");
            ByteBuffer data = ByteBuffer.wrap(new byte[100_000]);
            new FrameWriter(cat, L).write(7, new Twrite(1, 0, data));
            BufferPool pool = new BufferPool(1 << 20, 8 << 20, false);
            PooledBuffer b = new FrameReader(cat, 1 << 20).readFrame(pool);
            Frame echoed = new FrameDecoder(L, 1 << 20).decode(b.buffer());
            assertThat(echoed.tag()).isEqualTo(7);
            assertThat(((Twrite) echoed.body()).count()).isEqualTo(100_000);
            b.release();
        }
    }

    @Test
    void pollReadableSpinsUntilBytesWaitAndLeavesThemToTheRead() throws Exception {
        try (Listener listener = Listener.bind(new DialAddress.Tcp("127.0.0.1", 0))) {
            pollReadable(listener);
        }
        try (Listener listener = Listener.bind(new DialAddress.Unix(dir.resolve("poll.sock")))) {
            pollReadable(listener);
        }
    }

    @Test
    void aTransportThatCannotTellDoesNotPoll() throws Exception {
        var toServer = java.nio.channels.Pipe.open();
        var toClient = java.nio.channels.Pipe.open();
        try (Transport pipe = new StreamTransport(toServer.source(), toClient.sink(), "pipe", "pipe!test", 1 << 20)) {
            long start = System.nanoTime();
            assertThat(pipe.pollReadable(Duration.ofSeconds(5).toNanos())).isFalse();
            assertThat(System.nanoTime() - start).as("returned at once").isLessThan(Duration.ofSeconds(5).toNanos());
        }
    }

    private void pollReadable(Listener listener) throws Exception {
        try (Transport client = Dialer.dial(listener.address(), Duration.ofSeconds(5));
             Transport server = listener.accept();
             var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            long wait = Duration.ofMillis(20).toNanos();
            long start = System.nanoTime();
            assertThat(server.pollReadable(wait)).as("nothing sent").isFalse();
            assertThat(System.nanoTime() - start).as("polled the whole time").isGreaterThanOrEqualTo(wait);

            client.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3})}, 0, 1);
            assertThat(server.pollReadable(Duration.ofSeconds(5).toNanos())).isTrue();
            ByteBuffer got = ByteBuffer.allocate(8);
            assertThat(server.read(got)).as("the poll took nothing").isEqualTo(3);

            // On a virtual thread (which yields between looks), bytes sent while it polls end the poll.
            Future<Boolean> polled = exec.submit(() -> server.pollReadable(Duration.ofSeconds(20).toNanos()));
            Thread.sleep(50);
            assertThat(polled.isDone()).as("still polling with nothing sent").isFalse();
            client.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {4})}, 0, 1);
            assertThat(polled.get()).isTrue();
            // The poll needs the socket's duplicate only: a connection that never splices holds no pipe.
            assertThat(((SocketTransport) server).hasSplicePipe()).as("a poll made the splice pipe").isFalse();
        }
    }

    private void exchange(Listener listener, DialAddress address, String kind) throws Exception {
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Frame> served = exec.submit(() -> {
                try (Transport server = listener.accept()) {
                    assertThat(server.kind()).isEqualTo(kind);
                    BufferPool pool = new BufferPool(1 << 20, 8 << 20, true);
                    PooledBuffer b = new FrameReader(server, 1 << 20).readFrame(pool);
                    Frame f = new FrameDecoder(L, 1 << 20).decode(b.buffer());
                    int count = ((Twrite) f.body()).count();
                    b.release();
                    new FrameWriter(server, L).write(f.tag(), new Rwrite(count));
                    return f;
                }
            });
            try (Transport client = Dialer.dial(address, Duration.ofSeconds(5))) {
                assertThat(client.kind()).isEqualTo(kind);
                assertThat(client.maxMessageSize()).isEqualTo(Transport.DEFAULT_STREAM_MAX);
                new FrameWriter(client, L).write(42, new Twrite(3, 99, ByteBuffer.allocate(500_000)));
                BufferPool pool = new BufferPool(65536, 1 << 20, true);
                PooledBuffer b = new FrameReader(client, 65536).readFrame(pool);
                Frame reply = new FrameDecoder(L, 65536).decode(b.buffer());
                b.release();
                assertThat(reply).isEqualTo(new Frame(42, new Rwrite(500_000)));
            }
            assertThat(served.get().tag()).isEqualTo(42);
        }
    }
}
