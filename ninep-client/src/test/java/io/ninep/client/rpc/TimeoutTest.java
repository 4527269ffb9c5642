package io.ninep.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.testing.ScriptedPeer;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tversion;
import io.ninep.transport.PipePair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that stops answering makes calls fail, never hang. */
class TimeoutTest extends PeerTestBase {

    @Test
    void aServerThatNeverAnswersTversionFailsTheOpen() throws Exception {
        PipePair pair = PipePair.open();
        try (ScriptedPeer silent = new ScriptedPeer(pair.server())) {
            ClientConfig config = ClientConfig.defaults().withConnectTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThatThrownBy(() -> Connection.open(pair.client(), config))
                    .isInstanceOf(io.ninep.client.NoReplyException.class)
                    .hasMessageContaining("did not answer Tversion within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(silent.expect(Tversion.class).version()).isEqualTo("9P2000.L");
            assertThat(pair.client().isOpen()).as("the transport is closed").isFalse();
        }
    }

    @Test
    void aReplyTimeoutFlushesTheRequest() throws Exception {
        open(ClientConfig.defaults().withMsize(65536).withReplyTimeout(Duration.ofMillis(200)));
        Call<Object> call = start("getattr", () -> connection.call(new Tgetattr(1, 0x7FF)));
        ScriptedPeer.Received getattr = peer.expectFrame(Tgetattr.class);
        ScriptedPeer.Received flush = peer.expectFrame(Tflush.class);
        assertThat(flush.as(Tflush.class).oldTag()).isEqualTo(getattr.tag());
        peer.send(flush.tag(), Rflush.INSTANCE);
        assertThat(call.result()).failsWithin(ScriptedPeer.TIMEOUT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(RequestCancelledException.class);
    }

    @Test
    void aClunkWithoutReplyClosesTheConnectionInsteadOfHanging() throws Exception {
        open(ClientConfig.defaults().withMsize(65536).withReplyTimeout(Duration.ofMillis(200)));
        Call<Object> call = start("clunk", () -> connection.callUninterruptibly(new Tclunk(7)));
        peer.expectFrame(Tclunk.class);
        assertThat(call.result()).failsWithin(ScriptedPeer.TIMEOUT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConnectionClosedException.class)
                .withRootCauseInstanceOf(io.ninep.client.NoReplyException.class)
                .withMessageContaining("sent no reply to Tclunk within 200 ms");
        assertThat(peer.hasPendingFrame()).as("no Tflush for a clunk").isFalse();
        assertThat(connection.isOpen()).isFalse();
    }
}
