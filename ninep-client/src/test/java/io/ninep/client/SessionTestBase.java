package io.ninep.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.testing.Await;
import io.ninep.client.testing.Fixtures;
import io.ninep.client.testing.PeerFixture;
import io.ninep.client.testing.ScriptedPeer;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Tattach;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;

/** A session on a scripted peer, with the root attached as fid 0; checked for leaks after each test. */
abstract class SessionTestBase {
    protected PeerFixture fixture;
    protected ScriptedPeer peer;
    protected Session session;
    protected Fid root;

    protected void open(ClientConfig config) throws Exception {
        fixture = PeerFixture.open(config, config.msize(), config.msize(), Dialect.P9P2000_L);
        peer = fixture.peer;
        session = Session.over(fixture.connection, config);
        CompletableFuture<Fid> attaching = async(() -> session.attach(null, "glenda", "/", 1000));
        Received r = peer.expectFrame(Tattach.class);
        Tattach t = r.as(Tattach.class);
        assertThat(t.fid()).isZero();
        assertThat(t.afid()).isEqualTo(P9.NOFID);
        peer.send(r.tag(), new Rattach(Fixtures.dirQid(1)));
        root = attaching.get();
    }

    protected void open(int msize) throws Exception {
        open(ClientConfig.defaults().withMsize(msize));
    }

    @AfterEach
    void nothingLeaked() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            if (session.connection().isOpen()) {
                assertThat(session.connection().awaitIdle(Await.TIMEOUT)).isTrue();
                Await.until("only the root fid is left", () -> session.fidsInUse() == 1);
                assertThat(session.poolStats().inUse()).as("%s", session.poolStats()).isZero();
            }
        } finally {
            fixture.close();
        }
        assertThat(session.poolStats().inUse()).isZero();
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
