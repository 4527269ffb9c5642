package io.ninep.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.RequestCancelledException;
import io.ninep.client.Session;
import io.ninep.it.peers.NinepServerExtension;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ninep's client against ninep's own server (LocalFileServer), in process, over TCP on loopback. */
class NinepServerIT extends ClientContract {
    @RegisterExtension
    static final NinepServerExtension server = new NinepServerExtension("ninep-server-export");

    @Override
    protected Session connect() throws IOException {
        return Session.connect(server.listener().address().toString(), ClientConfig.defaults());
    }

    @Override
    protected Fid attach(Session s) throws IOException {
        return s.attach(null, "root", "", 0);
    }

    @Override
    protected Path export() {
        return server.export();
    }

    @Override
    protected int serverMsizeCap() {
        return ServerConfig.DEFAULT_MAX_MSIZE;
    }

    /** LocalFileServer answers ENXIO rather than block a thread in a server-side FIFO open. */
    @Override
    protected boolean blocksOpeningAFifoWithoutWriter() {
        return false;
    }

    /**
     * Callers on an idle TCP connection send their own requests (send(2) through FFM): an
     * interrupt that lands while one is sending must cost at most a Tflush, never the connection,
     * as it would inside a channel's write. A caller calls Tgetattr in a loop while another
     * thread interrupts it again and again; every call ends either way flush(5) allows.
     */
    @Test
    void interruptingCallersThatSendTheirOwnRequestsNeverClosesTheConnection() throws Exception {
        assertThat(session.connection().transport().sendsNow()).as("callers send on this connection").isTrue();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 5_000; i++) {
                try {
                    dir.getattr();
                    answered.incrementAndGet();
                } catch (RequestCancelledException e) {
                    cancelled.incrementAndGet();
                } catch (Throwable t) {
                    failure.set(t);
                    return;
                } finally {
                    Thread.interrupted();
                }
            }
        });
        while (caller.isAlive()) {
            caller.interrupt();
            Thread.sleep(0, 20_000);
        }
        assertThat(failure.get()).as("a call failed otherwise than cancelled").isNull();
        assertThat(cancelled.get()).as("some interrupts landed in calls").isPositive();
        assertThat(answered.get() + cancelled.get()).isEqualTo(5_000);
        assertThat(session.connection().isOpen()).isTrue();
        assertThat(dir.getattr().qid()).isNotNull();
    }
}
