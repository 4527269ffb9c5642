package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.*;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.MemoryStream;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same session over TCP, a Unix socket and a pipe (what stdin/stdout are to a server). */
class TransportsTest {
    private ServerFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(ServerFixture.Kind.class)
    void aWholeSession(ServerFixture.Kind kind) throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        MemoryStream events = fs.root().stream("events");
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        RawClient c = fixture.connect(kind);
        c.start(1 << 20);
        // Three megabytes written and read back in msize pieces, the writes pipelined.
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        c.walk(2, 0, 1);
        c.call(3, new Tlcreate(1, "blob", OpenFlags.O_RDWR, 0644, 0), Rlcreate.class);
        int chunk = (1 << 20) - io.ninep.protocol.P9.IO_HEADER_SIZE;   // as Linux sizes its I/O
        int tag = 10;
        for (int off = 0; off < data.length; off += chunk) {
            c.send(tag++, new Twrite(1, off, ByteBuffer.wrap(data, off, Math.min(chunk, data.length - off))));
        }
        for (int t = 10; t < tag; t++) {
            c.receive();
        }
        ByteBuffer back = ByteBuffer.allocate(data.length);
        while (back.hasRemaining()) {
            back.put(c.call(4, new Tread(1, back.position(), chunk), Rread.class).data());
        }
        assertThat(back.array()).isEqualTo(data);
        // A directory listing, and a flushed read of a stream.
        c.walk(5, 0, 2);
        c.call(6, new Tlopen(2, OpenFlags.O_RDONLY), Rlopen.class);
        Rreaddir r = c.call(7, new Treaddir(2, 0, 8192), Rreaddir.class);
        assertThat(DirEntry.decodeAll(r.data(), new WireReader())).extracting(DirEntry::name)
                .containsExactly(".", "..", "events", "blob");
        c.walk(8, 0, 3, "events");
        c.call(9, new Tlopen(3, OpenFlags.O_RDONLY), Rlopen.class);
        c.send(100, new Tread(3, 0, 64));
        c.send(101, new Tflush(100));
        c.expect(101, Rflush.class);
        events.publish("later");
        assertThat(c.call(102, new Tread(3, 0, 64), Rread.class).count()).isEqualTo(5);
        c.call(103, new Tclunk(1), Rclunk.class);
        fixture.assertQuiet(c);
        assertThat(fixture.connection(c).transport().kind()).isEqualTo(kind.name().toLowerCase());
    }

    @ParameterizedTest
    @EnumSource(ServerFixture.Kind.class)
    void manyConnectionsAtOnce(ServerFixture.Kind kind) throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().file("f", "x");
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        List<RawClient> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawClient c = fixture.connect(kind);
            c.start(8192);
            clients.add(c);
        }
        for (RawClient c : clients) {
            c.walk(2, 0, 1, "f");
            assertThat(c.call(3, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().size()).isEqualTo(1);
        }
        assertThat(fixture.server().connections()).hasSize(20);
    }
}
