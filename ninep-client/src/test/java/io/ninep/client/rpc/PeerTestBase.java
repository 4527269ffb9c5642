package io.ninep.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.testing.Await;
import io.ninep.client.testing.PeerFixture;
import io.ninep.client.testing.ScriptedPeer;
import io.ninep.protocol.Dialect;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;

/**
 * A connection to a scripted peer, checked after every test: no request pending, every pool
 * buffer back, before and after closing.
 */
abstract class PeerTestBase {
    protected PeerFixture fixture;
    protected Connection connection;
    protected ScriptedPeer peer;

    protected void open(ClientConfig config, int transportMax, int answerMsize, Dialect dialect) throws Exception {
        fixture = PeerFixture.open(config, transportMax, answerMsize, dialect);
        connection = fixture.connection;
        peer = fixture.peer;
    }

    protected void open(ClientConfig config) throws Exception {
        open(config, config.msize(), config.msize(), config.dialect());
    }

    /** At {@code msize}, the client talking through what {@code clientSide} makes of its transport. */
    protected void open(int msize, java.util.function.UnaryOperator<io.ninep.transport.Transport> clientSide)
            throws Exception {
        fixture = PeerFixture.open(msize, clientSide);
        connection = fixture.connection;
        peer = fixture.peer;
    }

    protected void open(int msize) throws Exception {
        open(ClientConfig.defaults().withMsize(msize));
    }

    @AfterEach
    void nothingPendingNothingLeaked() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            if (connection.isOpen()) {
                assertThat(connection.awaitIdle(Await.TIMEOUT)).as("the connection becomes idle").isTrue();
                assertThat(connection.pending()).as("pending requests").isZero();
                assertThat(connection.tagsInUse()).as("tags in use").isZero();
                assertThat(connection.poolStats().inUse()).as("pool buffers in use: %s", connection.poolStats()).isZero();
            }
        } finally {
            fixture.close();
        }
        assertThat(connection.pending()).as("pending requests after close").isZero();
        assertThat(connection.poolStats().inUse()).as("pool buffers in use after close: %s", connection.poolStats())
                .isZero();
    }

    /** Runs a blocking call on a virtual thread of its own. */
    protected static <T> Call<T> start(String name, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new Call<>(t, result);
    }

    /** A blocking call running on its own thread, and what it ends with. */
    protected record Call<T>(Thread thread, CompletableFuture<T> result) {
        /** The interrupt status the thread had when the call returned (it is set again after an interrupted call). */
        public void interrupt() {
            thread.interrupt();
        }
    }

    /** Waits until the reader has handled {@code n} more frames than {@code before}. */
    protected void awaitFrames(long before, int n) {
        Await.until("the client handled " + n + " frame(s)", () -> connection.framesReceived() >= before + n);
    }
}
