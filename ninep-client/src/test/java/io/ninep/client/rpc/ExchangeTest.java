package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static io.ninep.client.testing.Fixtures.qid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Twalk;
import java.io.EOFException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests and replies in the ordinary case: matching by tag, errors, connection loss. */
class ExchangeTest extends PeerTestBase {

    @Test
    void blockingCallGetsItsReply() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(0, Attr.BASIC)));
        Received t = peer.expectFrame(Tgetattr.class);
        peer.send(t.tag(), new Rgetattr(attr(7, 100)));
        assertThat(call.result().get()).isEqualTo(new Rgetattr(attr(7, 100)));
    }

    @Test
    void repliesInAnyOrderReachTheirRequests() throws Exception {
        open(64 * 1024);
        List<RpcFuture<RMessage>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(connection.send(new Tgetattr(i, Attr.BASIC)));
        }
        List<Received> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            got.add(peer.expectFrame(Tgetattr.class));
        }
        for (int i = 9; i >= 0; i--) {   // backwards
            Received r = got.get(i);
            int fid = r.as(Tgetattr.class).fid();
            peer.send(r.tag(), new Rgetattr(attr(fid, fid * 10L)));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(((Rgetattr) futures.get(i).get()).attr().size()).isEqualTo(i * 10L);
        }
    }

    @Test
    void tagsAreCyclicNotReusedAtOnce() throws Exception {
        open(64 * 1024);
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Call<RMessage> call = start("clunk", () -> connection.call(new Tclunk(1)));
            Received r = peer.expectFrame(Tclunk.class);
            tags.add(r.tag());
            peer.send(r.tag(), Rclunk.INSTANCE);
            call.result().get();
        }
        // Tag 0 was free again for the second and third call; the allocator moved on.
        assertThat(tags).containsExactly(0, 1, 2);
    }

    @Test
    void replyArrivingByteByByteIsAssembled() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Twalk(0, 1, "a", "b"));
        Received r = peer.expectFrame(Twalk.class);
        peer.sendInPieces(r.tag(), new Rwalk(qid(1), qid(2)), 1);
        assertThat(f.get()).isEqualTo(new Rwalk(qid(1), qid(2)));
    }

    @Test
    void rlerrorBecomesRemoteErrorWithNioMapping() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("walk", () -> connection.call(new Twalk(0, 1, "missing")));
        peer.send(peer.expectFrame(Twalk.class).tag(), new Rlerror(Errno.ENOENT.number()));
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.errno()).isEqualTo(2);
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("Twalk", "No such file or directory");
                    assertThat(e.toNioException("/x/missing", null)).isInstanceOf(NoSuchFileException.class);
                });
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void lossFailsEveryPendingRequestWithOneException() throws Exception {
        open(64 * 1024);
        List<RpcFuture<RMessage>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(connection.send(new Tgetattr(i, Attr.BASIC)));
        }
        Call<RMessage> blocking = start("blocking", () -> connection.call(new Tclunk(9)));
        for (int i = 0; i < 6; i++) {
            peer.expect();
        }
        peer.disconnect();
        for (RpcFuture<RMessage> f : futures) {
            assertThat(f).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                    .isInstanceOf(ConnectionClosedException.class).havingCause().isInstanceOf(EOFException.class);
        }
        assertThat(blocking.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class).havingCause().isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> connection.call(new Tclunk(1))).isInstanceOf(ConnectionClosedException.class);
        assertThat(connection.send(new Tclunk(1))).isCompletedExceptionally();
        assertThat(connection.pending()).isZero();
        assertThat(connection.poolStats().inUse()).isZero();
    }

    @Test
    void replyWithUnknownTagClosesTheConnection() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Tclunk(1));
        Received r = peer.expectFrame(Tclunk.class);
        peer.send(r.tag() + 100, Rclunk.INSTANCE);
        assertThat(f).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class)
                .havingCause().isInstanceOf(ProtocolException.class)
                .withMessageContaining("tag").withMessageContaining("no request in flight");
        peer.expectClosed();
    }

    @Test
    void replyOfTheWrongTypeClosesTheConnection() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Tclunk(1));
        Received r = peer.expectFrame(Tclunk.class);
        peer.send(r.tag(), new Rwalk());
        assertThat(f).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class)
                .havingCause().isInstanceOf(ProtocolException.class).withMessageContaining("answers Tclunk");
    }

    @Test
    void closeByTheClientFailsPendingRequests() throws Exception {
        open(64 * 1024);
        RpcFuture<RMessage> f = connection.send(new Tclunk(1));
        peer.expectFrame(Tclunk.class);
        connection.close();
        assertThat(f).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class).withMessageContaining("closed by the client");
        peer.expectClosed();
    }
}
