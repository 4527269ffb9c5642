package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.Session;
import io.ninep.client.testing.Await;
import io.ninep.client.testing.Fixtures;
import io.ninep.client.testing.PeerFixture;
import io.ninep.client.testing.ScriptedPeer;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Twalk;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A ninep file system on a scripted 9P2000.L server (msize 64 KiB, uname glenda, n_uname 1000,
 * gid 100, umask 022). Clunks are answered as they come; after each test only the root fid is
 * left, nothing is pending and every pool buffer is back.
 */
abstract class ScriptedFileSystemTestBase {
    protected PeerFixture fixture;
    protected ScriptedPeer peer;
    protected Session session;
    protected NinepFileSystem fs;

    @BeforeEach
    void attach() throws Exception {
        ClientConfig config = ClientConfig.defaults().withMsize(65536);
        fixture = PeerFixture.open(config, 65536, 65536, Dialect.P9P2000_L);
        peer = fixture.peer;
        session = Session.over(fixture.connection, config);
        CompletableFuture<io.ninep.client.Fid> attaching = async(() -> session.attach(null, "glenda", "", 1000));
        Received r = peer.expectFrame(Tattach.class);
        peer.send(r.tag(), new Rattach(Fixtures.dirQid(1)));
        Settings settings = Settings.of(NinepUri.parse(URI.create("ninep://peer/")),
                Map.of("uname", "glenda", "n_uname", 1000, "gid", 100, "umask", "022"));
        fs = new NinepFileSystem(new NinepFileSystemProvider(), settings, session, attaching.get());
    }

    @AfterEach
    void nothingLeaked() throws Exception {
        try {
            if (fs.isOpen() && session.connection().isOpen()) {
                // Lookups clunk their fids without waiting: answer those clunks until only the root is left.
                Await.until("only the root fid is left", () -> {
                    if (peer.hasPendingFrame()) {
                        try {
                            Received r = peer.expectFrame(Tclunk.class);
                            peer.send(r.tag(), new Rclunk());
                        } catch (IOException | InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }
                    return session.fidsInUse() == 1 && session.connection().pending() == 0;
                });
                assertThat(session.poolStats().inUse()).isZero();
            }
        } finally {
            fs.close();
            fixture.close();
        }
    }

    /** The next request that is not a Tclunk (those are answered here). */
    protected Received next() throws IOException, InterruptedException {
        while (true) {
            Received r = peer.expect();
            if (r.message() instanceof Tclunk) {
                peer.send(r.tag(), new Rclunk());
                continue;
            }
            return r;
        }
    }

    protected Received expectWalk(List<String> names) throws Exception {
        Received r = next();
        assertThat(r.as(Twalk.class).names()).as("walked names").isEqualTo(names);
        return r;
    }

    /** Answers a walk of {@code names} to a file with qid path {@code path}. */
    protected Received walkToFile(List<String> names, long path) throws Exception {
        Received w = expectWalk(names);
        List<io.ninep.protocol.message.Qid> qids = new java.util.ArrayList<>();
        for (int i = 0; i < names.size() - 1; i++) {
            qids.add(Fixtures.dirQid(100 + i));
        }
        qids.add(Fixtures.qid(path));
        peer.send(w.tag(), new io.ninep.protocol.message.Rwalk(qids));
        return w;
    }

    /** Waits for the Tclunk of {@code fid}, answering any other clunk on the way. */
    protected void expectClunkOf(int fid) throws Exception {
        while (true) {
            Received c = peer.expectFrame(Tclunk.class);
            peer.send(c.tag(), new Rclunk());
            if (c.as(Tclunk.class).fid() == fid) {
                return;
            }
        }
    }

    protected static <T> CompletableFuture<T> async(Callable<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }
}
