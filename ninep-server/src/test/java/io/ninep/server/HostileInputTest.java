package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Rlopen;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broken or hostile input closes the connection it came on, with its reason logged, and nothing
 * else: a second connection, opened first and used after, keeps working every time.
 */
class HostileInputTest {
    private MemoryFileServer fs;
    private ServerFixture fixture;
    private RawClient bystander;

    @BeforeEach
    void setUp() throws Exception {
        fs = new MemoryFileServer();
        fs.root().stream("events");
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        bystander = fixture.connect();
        bystander.start(8192);
        // The bystander has a read blocked in the server the whole time.
        bystander.walk(2, 0, 1, "events");
        bystander.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        bystander.send(4, new Tread(1, 0, 10));
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /** The hostile connection was closed for {@code reason}, and the bystander still works. */
    private void closedAlone(RawClient hostile, String reason) throws Exception {
        hostile.expectClosed();
        Connection c = fixture.connection(hostile);
        assertThat(c.awaitClosed(RawClient.TIMEOUT)).isTrue();
        assertThat(c.closeReason()).contains(reason);
        bystander.call(10, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
        assertThat(fixture.connection(bystander).isClosed()).isFalse();
    }

    private RawClient versioned() throws Exception {
        RawClient c = fixture.connect();
        c.start(8192);
        return c;
    }

    private static byte[] frame(int size, int type, int tag, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(7 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(size).put((byte) type).putShort((short) tag).put(body);
        return b.array();
    }

    @Test
    void aReplyAsTheFirstMessage() throws Exception {
        RawClient c = fixture.connect();
        c.sendAny(P9.NOTAG, new Rversion(8192, "9P2000.L"));
        closedAlone(c, "a client sent a reply");
    }

    @Test
    void aReplyInASession() throws Exception {
        RawClient c = versioned();
        c.sendRaw(frame(11, 7, 3, new byte[] {2, 0, 0, 0}));   // Rlerror
        closedAlone(c, "a client sent a reply (Rlerror tag 3)");
    }

    @Test
    void aSizeAboveMsize() throws Exception {
        RawClient c = versioned();
        c.sendRaw(frame(8193, 24, 1, new byte[12]));
        closedAlone(c, "exceeds msize 8192");
    }

    @Test
    void aSizeOf2GiBBeforeVersion() throws Exception {
        RawClient c = fixture.connect();
        c.sendRaw(frame(0x8000_0000, 100, P9.NOTAG, new byte[0]));
        closedAlone(c, "exceeds msize");
    }

    @Test
    void aSizeBelowTheHeader() throws Exception {
        RawClient c = versioned();
        c.sendRaw(frame(3, 24, 1, new byte[0]));
        closedAlone(c, "smaller than the 7-byte header");
    }

    @Test
    void aTruncatedFrame() throws Exception {
        RawClient c = versioned();
        byte[] whole = frame(19, 24, 1, new byte[] {0, 0, 0, 0, (byte) 0xff, 7, 0, 0, 0, 0, 0, 0});
        c.sendRaw(ByteBuffer.wrap(whole, 0, 12));
        c.shutdownOutput();
        closedAlone(c, "truncated frame");
    }

    @Test
    void anUnknownType() throws Exception {
        RawClient c = versioned();
        c.sendRaw(frame(8, 250, 1, new byte[1]));
        closedAlone(c, "unknown type 250");
    }

    @Test
    void theReservedTerror() throws Exception {
        RawClient c = versioned();
        c.sendRaw(frame(9, 106, 1, new byte[2]));
        closedAlone(c, "Terror");
    }

    @Test
    void aMessageOfAnotherDialect() throws Exception {
        RawClient c = fixture.connect();
        c.version(8192, "9P2000");
        c.dialect(Dialect.P9P2000_L);
        c.send(1, new Tgetattr(0, Attr.BASIC));
        closedAlone(c, "not part of 9P2000");
    }

    @Test
    void aFieldRunningPastTheFrame() throws Exception {
        RawClient c = versioned();
        // Twalk fid 0 newfid 1 nwname 1, a name claiming 200 bytes in a 21-byte frame.
        c.sendRaw(frame(21, 110, 1, new byte[] {0, 0, 0, 0, 1, 0, 0, 0, 1, 0, (byte) 200, 0, 'a', 'b'}));
        closedAlone(c, "Twalk");
    }

    @ParameterizedTest
    @EnumSource(ServerFixture.Kind.class)
    void garbage(ServerFixture.Kind kind) throws Exception {
        RawClient c = fixture.connect(kind);
        c.start(8192);
        byte[] junk = new byte[4096];
        new Random(kind.ordinal()).nextBytes(junk);
        ByteBuffer.wrap(junk).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 4000);   // a plausible size
        junk[4] = 110;   // Twalk, with random fields
        c.sendRaw(junk);
        closedAlone(c, "protocol violation");
    }

    @Test
    void manyHostileConnectionsInARowLeaveTheServerServing() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            RawClient c = fixture.connect(i % 2 == 0 ? ServerFixture.Kind.TCP : ServerFixture.Kind.PIPE);
            byte[] junk = new byte[64 + random.nextInt(512)];
            random.nextBytes(junk);
            c.sendRaw(junk);
            c.expectClosed();
            fixture.connection(c).awaitClosed(RawClient.TIMEOUT);
        }
        bystander.call(11, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
    }
}
