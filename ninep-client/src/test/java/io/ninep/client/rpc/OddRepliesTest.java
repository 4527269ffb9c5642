package io.ninep.client.rpc;

import static io.ninep.client.testing.Fixtures.attr;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.client.ClientConfig;
import io.ninep.client.ConnectionClosedException;
import io.ninep.client.RemoteErrorException;
import io.ninep.client.ReplyTooLargeException;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.Strictness;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rreadlink;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Treadlink;
import io.ninep.protocol.message.Tstat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Replies real servers send that break the letter of the protocol, or the client's sizing. */
class OddRepliesTest extends PeerTestBase {

    @Test
    void rerrorLongerThanItsBufferKeepsTheErrorAndTheStream() throws Exception {
        open(ClientConfig.defaults().withMsize(64 * 1024).withDialect(Dialect.P9P2000));
        Call<RMessage> call = start("stat", () -> connection.call(new Tclunk(1)));
        Received r = peer.expectFrame(Tclunk.class);
        String longText = "file does not exist " + "x".repeat(5000);
        peer.send(r.tag(), new Rerror(longText, 0));
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.serverText()).startsWith("file does not exist xxx").endsWith("...");
                    assertThat(e.serverText().length()).isLessThan(4200);
                    assertThat(e.errno()).isEqualTo(Errno.EIO.number());   // the truncated text names no errno
                });
        assertThat(connection.quirks()).anySatisfy(q -> assertThat(q.description()).contains("longer than"));
        // The stream is still in step.
        Call<RMessage> next = start("clunk", () -> connection.call(new Tclunk(2)));
        Received r2 = peer.expectFrame(Tclunk.class);
        peer.send(r2.tag(), Rclunk.INSTANCE);
        assertThat(next.result().get()).isEqualTo(Rclunk.INSTANCE);
    }

    @Test
    void ordinaryRerrorIn9P2000MapsItsTextToAnErrno() throws Exception {
        open(ClientConfig.defaults().withMsize(64 * 1024).withDialect(Dialect.P9P2000));
        Call<RMessage> call = start("stat", () -> connection.call(new Tstat(1)));
        Received r = peer.expectFrame(Tstat.class);
        peer.send(r.tag(), new Rerror("file does not exist", 0));
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT.number());
                    assertThat(e.serverText()).isEqualTo("file does not exist");
                });
    }

    @Test
    void ganeshaStyleRerrorInDotLIsAcceptedAsAQuirk() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(1, Attr.BASIC)));
        Received r = peer.expectFrame(Tgetattr.class);
        // type 107 (Rerror) carrying a bare errno[4], as nfs-ganesha sends in 9P2000.L
        ByteBuffer b = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(11).put((byte) 107).putShort((short) r.tag()).putInt(Errno.ENOENT.number());
        peer.sendRaw(b.array());
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> assertThat(e.errno()).isEqualTo(2));
        assertThat(connection.quirks()).anySatisfy(q -> assertThat(q.messageType()).isEqualTo("Rerror"));
    }

    @Test
    void strictClientRefusesTheSameQuirk() throws Exception {
        open(ClientConfig.defaults().withMsize(64 * 1024).withStrictness(Strictness.STRICT));
        Call<RMessage> call = start("getattr", () -> connection.call(new Tgetattr(1, Attr.BASIC)));
        Received r = peer.expectFrame(Tgetattr.class);
        ByteBuffer b = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(11).put((byte) 107).putShort((short) r.tag()).putInt(Errno.ENOENT.number());
        peer.sendRaw(b.array());
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class).havingCause().isInstanceOf(ProtocolException.class);
    }

    @Test
    void legalReplyLargerThanTheClientsBufferFailsOnlyItsRequest() throws Exception {
        open(256 * 1024);
        Call<RMessage> call = start("readlink", () -> connection.call(new Treadlink(1)));
        Received r = peer.expectFrame(Treadlink.class);
        peer.send(r.tag(), new Rreadlink("t".repeat(65535)));   // 65544 bytes: legal, above the 64 KiB cap
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ReplyTooLargeException.class);
        Call<RMessage> next = start("getattr", () -> connection.call(new Tgetattr(1, Attr.BASIC)));
        Received r2 = peer.expectFrame(Tgetattr.class);
        peer.send(r2.tag(), new Rgetattr(attr(1, 1)));
        assertThat(next.result().get()).isEqualTo(new Rgetattr(attr(1, 1)));
    }

    @Test
    void readReplyLargerThanAskedClosesTheConnection() throws Exception {
        open(64 * 1024);
        Call<Integer> call = start("read", () -> connection.callInto(new Tread(1, 0, 10), ByteBuffer.allocate(100)));
        Received r = peer.expectFrame(Tread.class);
        peer.send(r.tag(), new Rread(ByteBuffer.allocate(20)));
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOf(ConnectionClosedException.class).havingCause().isInstanceOf(ProtocolException.class)
                .withMessageContaining("20 bytes answer a request for 10");
    }

    @Test
    void errorToAZeroCopyReadIsAnError() throws Exception {
        open(64 * 1024);
        ByteBuffer dst = ByteBuffer.allocate(100);
        Call<Integer> call = start("read", () -> connection.callInto(new Tread(1, 0, 100), dst));
        Received r = peer.expectFrame(Tread.class);
        peer.send(r.tag(), new Rlerror(Errno.EISDIR.number()));
        assertThat(call.result()).failsWithin(ScriptedTimeout.DURATION).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RemoteErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("EISDIR"));
        assertThat(dst.position()).isZero();
    }

    @Test
    void extraBytesAfterAReplyAreAQuirk() throws Exception {
        open(64 * 1024);
        Call<RMessage> call = start("clunk", () -> connection.call(new Tclunk(1)));
        Received r = peer.expectFrame(Tclunk.class);
        ByteBuffer b = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(9).put((byte) 121).putShort((short) r.tag()).putShort((short) 0);   // Rclunk + 2 stray bytes
        peer.sendRaw(b.array());
        assertThat(call.result().get()).isEqualTo(Rclunk.INSTANCE);
        assertThat(connection.quirks()).anySatisfy(q -> assertThat(q.description()).contains("after the end"));
    }

    @Test
    void statRepliesUseAMediumBufferAtMost() throws Exception {
        open(ClientConfig.defaults().withMsize(1 << 20).withDialect(Dialect.P9P2000_U));
        Call<RMessage> call = start("stat", () -> connection.call(new Tstat(1)));
        Received r = peer.expectFrame(Tstat.class);
        var stat = new io.ninep.protocol.message.Stat(0, 0, io.ninep.client.testing.Fixtures.qid(1), 0644, 1, 2, 3,
                "name", "u", "g", "m", "", 1000, 1000, 1000);
        peer.send(r.tag(), new Rstat(stat));
        assertThat(((Rstat) call.result().get()).stat()).isEqualTo(stat);
        assertThat(connection.poolStats().takenLargerThan(io.ninep.transport.buffer.BufferPool.MEDIUM)).isZero();
    }
}
