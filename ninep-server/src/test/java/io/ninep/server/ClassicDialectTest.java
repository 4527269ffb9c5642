package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rcreate;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Ropen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rremove;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Rwstat;
import io.ninep.protocol.message.Stat;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tcreate;
import io.ninep.protocol.message.Topen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tremove;
import io.ninep.protocol.message.Tstat;
import io.ninep.protocol.message.Twalk;
import io.ninep.protocol.message.Twrite;
import io.ninep.protocol.message.Twstat;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 9P2000 and 9P2000.u clients, served through the same SPI as 9P2000.L. */
class ClassicDialectTest {
    private final MemoryFileServer fs = new MemoryFileServer();
    private ServerFixture fixture;
    private RawClient c;

    @AfterEach
    void tearDown() throws Exception {
        fixture.assertQuiet(c);
        fixture.close();
    }

    private void start(String version) throws Exception {
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        c = fixture.connect();
        c.version(8192, version);
        c.attach(1, 0, "root", "", version.equals("9P2000") ? P9.NONUNAME : 0);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Rread r) {
        byte[] b = new byte[r.count()];
        r.data().duplicate().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private List<Stat> readDirectory(int fid, int count) throws Exception {
        List<Stat> all = new ArrayList<>();
        long offset = 0;
        while (true) {
            Rread r = c.call(40, new Tread(fid, offset, count), Rread.class);
            if (r.count() == 0) {
                return all;
            }
            all.addAll(Stat.decodeAll(r.data(), c.dialect(), new WireReader()));
            offset += r.count();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"9P2000", "9P2000.u"})
    void createWriteStatReadAndRemove(String version) throws Exception {
        fs.anonymousUid(0);
        start(version);
        c.walk(2, 0, 1);
        Rcreate made = c.call(3, new Tcreate(1, "notes", 0644, Topen.ORDWR, ""), Rcreate.class);
        assertThat(made.qid().isDirectory()).isFalse();
        assertThat(c.call(4, new Twrite(1, 0, bytes("hello, plan 9")), Rwrite.class).count()).isEqualTo(13);
        c.call(5, new Tclunk(1), Rclunk.class);

        c.walk(6, 0, 2, "notes");
        Stat s = c.call(7, new Tstat(2), Rstat.class).stat();
        assertThat(s.name()).isEqualTo("notes");
        assertThat(s.length()).isEqualTo(13);
        assertThat(s.mode() & 0777).isEqualTo(0644);
        assertThat(s.uid()).isEqualTo("0");
        c.call(8, new Topen(2, Topen.OREAD), Ropen.class);
        assertThat(text(c.call(9, new Tread(2, 0, 100), Rread.class))).isEqualTo("hello, plan 9");
        c.call(10, new Tremove(2), Rremove.class);
        assertThat(c.rpc(11, new Twalk(0, 3, List.of("notes")))).isInstanceOf(Rerror.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9P2000", "9P2000.u"})
    void readingADirectoryReturnsStats(String version) throws Exception {
        for (int i = 0; i < 100; i++) {
            fs.root().file("file-with-a-longish-name-" + i, "x".repeat(i));
        }
        fs.root().directory("sub");
        start(version);
        c.walk(2, 0, 1);
        c.call(3, new Topen(1, Topen.OREAD), Ropen.class);
        List<Stat> stats = readDirectory(1, 1000);   // several reads, whole entries each
        assertThat(stats).hasSize(101);
        assertThat(stats).extracting(Stat::name).doesNotContain(".", "..").contains("sub", "file-with-a-longish-name-99");
        Stat sub = stats.stream().filter(x -> x.name().equals("sub")).findFirst().orElseThrow();
        assertThat(sub.mode() & Stat.DMDIR).isNotZero();
        assertThat(sub.qid().isDirectory()).isTrue();
        Stat f7 = stats.stream().filter(x -> x.name().equals("file-with-a-longish-name-7")).findFirst().orElseThrow();
        assertThat(f7.length()).isEqualTo(7);
        // An offset other than 0 or the end of the last read is refused (read(5)).
        assertThat(c.rpc(4, new Tread(1, 3, 1000))).isInstanceOf(Rerror.class);
        // Offset 0 starts again.
        assertThat(readDirectory(1, 8000)).hasSize(101);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9P2000", "9P2000.u"})
    void wstatRenamesAndChangesMode(String version) throws Exception {
        fs.anonymousUid(0);
        fs.root().file("old", "data");
        start(version);
        c.walk(2, 0, 1, "old");
        c.call(3, new Twstat(1, Stat.unchanged().withName("new").withMode(0600)), Rwstat.class);
        c.walk(4, 0, 2, "new");
        Stat s = c.call(5, new Tstat(2), Rstat.class).stat();
        assertThat(s.mode() & 0777).isEqualTo(0600);
        assertThat(c.rpc(6, new Twalk(0, 3, List.of("old")))).isInstanceOf(Rerror.class);
        // Length and mtime.
        c.call(7, new Twstat(2, Stat.unchanged().withLength(2).withMtime(1_000_000)), Rwstat.class);
        s = c.call(8, new Tstat(2), Rstat.class).stat();
        assertThat(s.length()).isEqualTo(2);
        assertThat(s.mtime()).isEqualTo(1_000_000);
        // A wstat that changes nothing is a sync, and succeeds.
        c.call(9, new Twstat(2, Stat.unchanged()), Rwstat.class);
    }

    @Test
    void createOfADirectoryOpensItForReading() throws Exception {
        start("9P2000");
        fs.anonymousUid(0);
        c.walk(2, 0, 1);
        Rcreate r = c.call(3, new Tcreate(1, "dir", Stat.DMDIR | 0755, Topen.OREAD, ""), Rcreate.class);
        assertThat(r.qid().isDirectory()).isTrue();
        assertThat(c.call(4, new Tread(1, 0, 1000), Rread.class).count()).isZero();
    }

    @Test
    void unixExtensionsMakeSymlinksAndShowTheirTarget() throws Exception {
        fs.anonymousUid(0);
        start("9P2000.u");
        c.walk(2, 0, 1);
        c.call(3, new Tcreate(1, "link", Stat.DMSYMLINK | 0777, Topen.OREAD, "target/path"), Rcreate.class);
        c.walk(4, 0, 2, "link");
        Stat s = c.call(5, new Tstat(2), Rstat.class).stat();
        assertThat(s.mode() & Stat.DMSYMLINK).isNotZero();
        assertThat(s.extension()).isEqualTo("target/path");
        assertThat(s.nUid()).isZero();
    }

    @Test
    void errorsCarryStrerrorAndErrnoIn9P2000u() throws Exception {
        start("9P2000.u");
        Rerror e = (Rerror) c.rpc(2, new Twalk(0, 1, List.of("missing")));
        assertThat(e.errno()).isEqualTo(Errno.ENOENT.number());
        assertThat(e.ename()).isEqualTo("No such file or directory");
        c.dialect(Dialect.P9P2000_U);
    }

    @Test
    void anonymousUsersOf9P2000AreNobody() throws Exception {
        start("9P2000");
        c.walk(2, 0, 1);
        Rerror e = (Rerror) c.rpc(3, new Tcreate(1, "x", 0644, Topen.ORDWR, ""));
        assertThat(e.ename()).isEqualTo("Permission denied");
    }

    @Test
    void orcloseRemovesTheFileAtClunk() throws Exception {
        fs.anonymousUid(0);
        start("9P2000");
        c.walk(2, 0, 1);
        c.call(3, new Tcreate(1, "tmp", 0644, Topen.ORDWR | Topen.ORCLOSE, ""), Rcreate.class);
        c.walk(4, 0, 2, "tmp");
        c.call(5, new Tclunk(1), Rclunk.class);
        assertThat(c.rpc(6, new Twalk(0, 3, List.of("tmp")))).isInstanceOf(Rerror.class);
    }
}
