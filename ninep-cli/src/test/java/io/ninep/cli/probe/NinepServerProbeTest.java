package io.ninep.cli.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Dialect;
import io.ninep.server.NinepServer;
import io.ninep.server.ServerConfig;
import io.ninep.server.local.LocalFileServer;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.spi.FileServer;
import io.ninep.transport.DialAddress;
import io.ninep.transport.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probe against ninep's own server, in process, with both backends: every check, hostile ones
 * included, must PASS, and the scratch directory must be gone afterwards.
 */
@Timeout(120)
class NinepServerProbeTest {
    /** The server logs every connection at INFO; the probe opens dozens. Held so the setting stays. */
    private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.ninep.server");

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static Report probe(FileServer fs) throws Exception {
        return probe(fs, null);
    }

    private static Report probe(FileServer fs, Dialect dialect) throws Exception {
        try (NinepServer server = new NinepServer(fs, ServerConfig.defaults())) {
            Listener l = server.listen(new DialAddress.Tcp("127.0.0.1", 0));
            ProbeOptions o = ProbeOptions.defaults(l.address()).withHostile(true).withTimeout(Duration.ofSeconds(10))
                    .withDialect(dialect);
            return Probe.run(o);
        }
    }

    private static void assertAllPass(Report r) {
        assertThat(r.results()).as(() -> ReportFormat.text(r, ReportFormat.Evidence.PROBLEMS))
                .hasSize(Checks.all().size())
                .allSatisfy(c -> assertThat(c.verdict()).as(c.id() + ": " + c.summary()).isEqualTo(Verdict.PASS));
        assertThat(r.remarks()).isEmpty();
    }

    @Test
    void memoryBackendPassesEveryCheck() throws Exception {
        Report r = probe(new MemoryFileServer());
        assertAllPass(r);
    }

    /** The probe's 9P2000 and 9P2000.u paths: Tcreate, Topen, directories read with Tread, Tremove. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"P9P2000", "P9P2000_U"})
    void classicDialectsPassEveryCheck(Dialect dialect, @TempDir Path dir) throws Exception {
        Report r = probe(new LocalFileServer(dir), dialect);
        assertThat(r.dialect()).isEqualTo(dialect);
        assertAllPass(r);
        assertThat(r.result("readdir.split").summary()).startsWith("40 entries in ")
                .endsWith(" calls of count 512 (Tread), each whole, none twice, none missing");
        try (var left = Files.list(dir)) {
            assertThat(left).as("scratch directory removed").isEmpty();
        }
    }

    @Test
    void localBackendPassesEveryCheckAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Report r = probe(new LocalFileServer(dir));
        assertAllPass(r);
        try (var left = Files.list(dir)) {
            assertThat(left).as("scratch directory removed").isEmpty();
        }
    }
}
