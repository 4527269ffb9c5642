package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.Errno;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Frame;
import io.ninep.protocol.message.Rattach;
import io.ninep.protocol.message.Rerror;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rstat;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Tattach;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tstat;
import io.ninep.protocol.message.Tversion;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.MemoryStream;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** version(5): msize negotiation, dialects, "unknown", and Tversion as a reset. */
class VersionTest {
    private final MemoryFileServer fs = new MemoryFileServer();
    private ServerFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private RawClient connect(ServerConfig config) throws Exception {
        fixture = new ServerFixture(fs, config);
        return fixture.connect();
    }

    @ParameterizedTest(name = "client asks {0}, ceiling {1}: msize {2}")
    @CsvSource({
        "8192,          4194304,   8192",
        "131072,        65536,     65536",
        "4096,          4194304,   4096",
        "4194304,       4194304,   4194304",
        "2147483648,    4194304,   4194304",   // 2^31: not a negative number
        "4294967295,    4194304,   4194304",   // 2^32 - 1
        "4294967295,    2147483647, 1073741824",   // the transport's own limit, 1 GiB
    })
    void msizeIsTheLeastOfClientServerAndTransport(long asked, int ceiling, int expected) throws Exception {
        RawClient c = connect(ServerConfig.defaults().withMaxMsize(ceiling));
        Rversion r = c.version((int) asked, "9P2000.L");
        assertThat(Integer.toUnsignedLong(r.msize())).isEqualTo(expected);
        assertThat(r.version()).isEqualTo("9P2000.L");
        assertThat(fixture.connection(c).msize()).isEqualTo(expected);
    }

    @Test
    void msizeIsCutToTheTransportLimit() throws Exception {
        fixture = new ServerFixture(fs, ServerConfig.defaults()).pipeLimit(16384);
        RawClient c = fixture.connect(ServerFixture.Kind.PIPE);
        assertThat(c.version(1 << 20, "9P2000.L").msize()).isEqualTo(16384);
    }

    @Test
    void msizeBelow4096IsRefusedWithAClearError() throws Exception {
        RawClient c = connect(ServerConfig.defaults());
        c.send(P9.NOTAG, new Tversion(4095, "9P2000.L"));
        assertThat(c.expect(P9.NOTAG, Rlerror.class).errno()).isEqualTo(Errno.EINVAL.number());
        // 9P2000 carries the reason in words.
        c.dialect(Dialect.P9P2000);
        c.send(P9.NOTAG, new Tversion(512, "9P2000"));
        Rerror e = c.expect(P9.NOTAG, Rerror.class);
        assertThat(e.ename()).contains("msize 512").contains("4096");
        // The connection is still usable: a good Tversion works.
        assertThat(c.version(8192, "9P2000.L").msize()).isEqualTo(8192);
    }

    @Test
    void anUnknownVersionIsAnsweredUnknown() throws Exception {
        RawClient c = connect(ServerConfig.defaults());
        Rversion r = c.version(8192, "9P1999");
        assertThat(r.version()).isEqualTo("unknown");
        // Nothing else is allowed until a version is agreed.
        assertThat(c.version(8192, "9P2000.u").version()).isEqualTo("9P2000.u");
    }

    @Test
    void aVersionWithAnUnknownSuffixIsPlain9P2000() throws Exception {
        RawClient c = connect(ServerConfig.defaults());
        assertThat(c.version(8192, "9P2000.xyz").version()).isEqualTo("9P2000");
    }

    @ParameterizedTest
    @CsvSource({"9P2000", "9P2000.u", "9P2000.L"})
    void everyDialectIsServed(String version) throws Exception {
        fs.root().file("f", "data");
        RawClient c = connect(ServerConfig.defaults());
        assertThat(c.version(8192, version).version()).isEqualTo(version);
        c.call(1, new Tattach(0, P9.NOFID, "glenda", "", version.equals("9P2000") ? P9.NONUNAME : 0), Rattach.class);
        c.walk(2, 0, 1, "f");
        if (version.equals("9P2000.L")) {
            assertThat(c.call(3, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().size()).isEqualTo(4);
        } else {
            Rstat s = c.call(3, new Tstat(1), Rstat.class);
            assertThat(s.stat().name()).isEqualTo("f");
            assertThat(s.stat().length()).isEqualTo(4);
        }
        fixture.assertQuiet(c);
    }

    @Test
    void tversionAbortsWhatIsInFlightAndClunksEveryFid() throws Exception {
        MemoryStream events = fs.root().stream("events");
        RawClient c = connect(ServerConfig.defaults());
        c.start(8192);
        c.walk(2, 0, 1, "events");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        c.send(4, new Tread(1, 0, 100));   // blocks on the empty stream
        c.send(P9.NOTAG, new Tversion(16384, "9P2000.L"));
        // version(5): the pending read is aborted; it gets no reply, the Rversion comes next.
        Frame f = c.receive();
        assertThat(f.body()).isInstanceOf(Rversion.class);
        assertThat(((Rversion) f.body()).msize()).isEqualTo(16384);
        // Every fid was clunked, the open stream among them.
        assertThat(c.rpc(5, new Tgetattr(0, Attr.BASIC))).isEqualTo(new Rlerror(Errno.EBADF.number()));
        assertThat(fixture.connection(c).fidCount()).isZero();
        assertThat(events.readers()).isZero();
        fixture.assertQuiet(c);
    }

    @Test
    void requestsBeforeTversionCloseTheConnection() throws Exception {
        RawClient c = connect(ServerConfig.defaults());
        c.send(1, new Tgetattr(0, Attr.BASIC));
        c.expectClosed();
        assertThat(fixture.connection(c).closeReason()).contains("before a successful Tversion");
    }
}
