package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.SyntheticFile;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import io.ninep.transport.SocketTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** NinepServer.shutdown: stop accepting, let requests in flight finish for the grace period, close. */
class ShutdownTest {

    private static RawClient connect(Listener l) throws IOException {
        var a = (DialAddress.Tcp) l.address();
        return new RawClient(new SocketTransport(SocketChannel.open(new InetSocketAddress(a.host(), a.port()))));
    }

    @Test
    void aRequestInFlightFinishesWithinTheGracePeriod() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().synthetic("slow", 0444, new SyntheticFile() {
            @Override
            public int read(long offset, ByteBuffer dst) throws java.io.InterruptedIOException {
                entered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                dst.put((byte) 'z');
                return 1;
            }
        });
        NinepServer server = new NinepServer(fs, ServerConfig.defaults());
        Listener l = server.listen(new DialAddress.Tcp("127.0.0.1", 0));
        try (RawClient c = connect(l)) {
            c.start(8192);
            c.walk(2, 0, 1, "slow");
            c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
            c.send(4, new Tread(1, 0, 10));
            entered.await();
            Thread stopping = Thread.ofVirtual().start(() -> {
                try {
                    server.shutdown(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            gate.countDown();
            // The request in flight is answered, then the connection closes.
            assertThat(c.expect(4, Rread.class).count()).isEqualTo(1);
            c.expectClosed();
            stopping.join();
        }
        assertThat(server.connections()).isEmpty();
        assertThat(l.isOpen()).isFalse();
        assertThatThrownBy(() -> connect(l)).isInstanceOf(IOException.class);
    }

    @Test
    void aRequestThatOutlastsTheGracePeriodIsCutOff() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().stream("events");
        NinepServer server = new NinepServer(fs, ServerConfig.defaults());
        Listener l = server.listen(new DialAddress.Tcp("127.0.0.1", 0));
        try (RawClient c = connect(l)) {
            c.start(8192);
            c.walk(2, 0, 1, "events");
            c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
            c.send(4, new Tread(1, 0, 10));
            server.shutdown(Duration.ofMillis(100));
            c.expectClosed();   // no reply: the read was interrupted and the connection closed
        }
        assertThat(server.connections()).isEmpty();
    }
}
