package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.MemoryStream;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import io.ninep.transport.buffer.BufferPool;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fids, requests in flight and message size are bounded, with an error that says which limit. */
class LimitsTest {
    private final MemoryFileServer fs = new MemoryFileServer();
    private ServerFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aConnectionMayHoldSixMsizeBuffersSoFourReadsInFlightNeverFallBackToTheHeap() {
        assertThat(Connection.poolBudget(4 << 20)).isEqualTo(6L * (4 << 20));
        assertThat(Connection.poolBudget(128 << 20)).isEqualTo(6L * (128 << 20));
        assertThat(Connection.poolBudget(64 * 1024)).as("small msizes keep the pool's default")
                .isEqualTo(BufferPool.defaultBudget(64 * 1024));
    }
    @Test
    void fidsPerConnectionAreLimited() throws Exception {
        fixture = new ServerFixture(fs, ServerConfig.defaults().withMaxFids(4));
        RawClient c = fixture.connect();
        c.start(8192);   // fid 0
        c.walk(2, 0, 1);
        c.walk(3, 0, 2);
        c.walk(4, 0, 3);
        assertThat(c.rpc(5, new Twalk(0, 4, List.of()))).isEqualTo(new Rlerror(Errno.EMFILE.number()));
        // The connection goes on, and a clunk makes room.
        c.call(6, new Tclunk(3), Rclunk.class);
        c.call(7, new Twalk(0, 4, List.of()), Rwalk.class);
        assertThat(fixture.connection(c).fidCount()).isEqualTo(4);
        fixture.assertQuiet(c);
    }

    @Test
    void theFidLimitIsExplainedToA9P2000Client() throws Exception {
        fixture = new ServerFixture(fs, ServerConfig.defaults().withMaxFids(1));
        RawClient c = fixture.connect();
        c.version(8192, "9P2000");
        c.attach(1, 0, "glenda", "", -1);
        Rerror e = (Rerror) c.rpc(2, new Twalk(0, 1, List.of()));
        assertThat(e.ename()).contains("too many fids").contains("limit 1");
        fixture.assertQuiet(c);
    }

    @Test
    void requestsInFlightAreLimitedButFlushesStillWork() throws Exception {
        MemoryStream events = fs.root().stream("events");
        int limit = ServerConfig.MIN_REQUESTS;
        fixture = new ServerFixture(fs, ServerConfig.defaults().withMaxRequests(limit));
        RawClient c = fixture.connect();
        c.start(8192);
        c.walk(2, 0, 1, "events");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        for (int tag = 100; tag < 100 + limit; tag++) {
            c.send(tag, new Tread(1, 0, 64));   // each blocks on the empty stream
        }
        // One more is refused at once, with EAGAIN.
        assertThat(c.rpc(99, new Tgetattr(0, Attr.BASIC))).isEqualTo(new Rlerror(Errno.EAGAIN.number()));
        // A Tflush is not a request that waits: it is still served at the limit.
        c.send(50, new Tflush(100));
        c.expect(50, Rflush.class);
        // With one slot free, a request runs again.
        c.call(51, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
        // Ending the stream ends the blocked reads, with no data.
        events.close();
        Set<Integer> tags = new HashSet<>();
        for (int i = 1; i < limit; i++) {
            Frame f = c.receive();
            assertThat(((Rread) f.body()).count()).isZero();
            tags.add(f.tag());
        }
        assertThat(tags).hasSize(limit - 1).doesNotContain(100);
        fixture.assertQuiet(c);
    }

    @Test
    void whenThePoolIsSpentRequestsAndRepliesUseTheHeapAndNothingWaits() throws Exception {
        MemoryStream events = fs.root().stream("events");
        for (int i = 0; i < 50; i++) {
            fs.root().file("f" + i, "");
        }
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        RawClient c = fixture.connect();
        int msize = 1 << 20;
        c.version(msize, "9P2000.L");
        c.attach(1, 0, "root", "", 0);
        c.walk(2, 0, 1, "events");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        // Each blocked read holds an msize reply buffer: 20 of them spend the pool's 16 MiB.
        for (int tag = 100; tag < 120; tag++) {
            c.send(tag, new Tread(1, 0, msize - Rread.HEADER_SIZE));
        }
        c.walk(4, 0, 2);
        c.call(5, new Tlopen(2, OpenFlags.O_RDONLY), Rlopen.class);
        // A directory read now packs its entries into a heap buffer, in the same byte order.
        var r = c.call(6, new io.ninep.protocol.message.Treaddir(2, 0, msize - 11), io.ninep.protocol.message.Rreaddir.class);
        var entries = io.ninep.protocol.message.DirEntry.decodeAll(r.data(), new io.ninep.protocol.WireReader());
        assertThat(entries).hasSize(53);
        assertThat(entries.get(5).offset()).isEqualTo(entries.get(4).offset() + 1);
        events.close();
        for (int i = 0; i < 20; i++) {
            assertThat(c.receive().body()).isInstanceOf(Rread.class);
        }
        fixture.assertQuiet(c);
    }

    @Test
    void aFrameLargerThanMsizeClosesTheConnection() throws Exception {
        fs.root().file("f", "");
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        RawClient c = fixture.connect();
        c.start(8192);
        c.walk(2, 0, 1, "f");
        c.call(3, new Tlopen(1, OpenFlags.O_RDWR), Rlopen.class);
        c.send(4, new Twrite(1, 0, ByteBuffer.allocate(8192 - Twrite.HEADER_SIZE)));   // exactly msize: fine
        c.receive();
        c.send(5, new Twrite(1, 0, ByteBuffer.allocate(8192 - Twrite.HEADER_SIZE + 1)));
        c.expectClosed();
        assertThat(fixture.connection(c).closeReason()).contains("exceeds msize 8192");
    }

    @Test
    void aReadAsksForNoMoreThanFitsInMsize() throws Exception {
        fs.root().file("big", new byte[100_000]);
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        RawClient c = fixture.connect();
        c.start(8192);
        c.walk(2, 0, 1, "big");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        Rread r = c.call(4, new Tread(1, 0, 1 << 20), Rread.class);
        assertThat(r.count()).isEqualTo(8192 - Rread.HEADER_SIZE);
        Rread all = c.call(5, new Tread(1, 0, -1), Rread.class);   // count 2^32 - 1
        assertThat(all.count()).isEqualTo(8192 - Rread.HEADER_SIZE);
        fixture.assertQuiet(c);
    }

    @Test
    void msizeCeilingIsAConfiguredLimit() throws Exception {
        fixture = new ServerFixture(fs, ServerConfig.defaults().withMaxMsize(128 << 20));
        RawClient c = fixture.connect(ServerFixture.Kind.PIPE);
        assertThat(c.version(256 << 20, "9P2000.L").msize()).isEqualTo(128 << 20);
        c.dialect(Dialect.P9P2000_L);
        fixture.assertQuiet(c);
    }
}
