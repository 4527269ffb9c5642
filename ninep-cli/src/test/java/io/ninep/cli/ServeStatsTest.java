package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Twalk;
import io.ninep.server.testing.RawClient;
import io.ninep.transport.SocketTransport;
import io.ninep.transport.metrics.MetricsSnapshot;
import io.ninep.transport.metrics.PoolUse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninep serve --stats}: the summary line's format, and the line a running server prints. */
class ServeStatsTest {
    /** A whole line as ninep serve prints it. */
    private static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} STATS (\\d+) conns?, "
            + "(\\d+\\.\\d) req/s, (\\d+) in flight, (\\d+) flush(?:es)? \\((\\d+) flushed, (\\d+) reply won\\), "
            + "(\\d+) errors?, in \\d+(?:\\.\\d)? (?:B|KiB|MiB|GiB)/s, out \\d+(?:\\.\\d)? (?:B|KiB|MiB|GiB)/s, "
            + "pool (\\d+) lent(?: \\([a-z]+ \\d+(?:, [a-z]+ \\d+)*\\))?, \\d+(?:\\.\\d)? (?:B|KiB|MiB|GiB) held");

    @TempDir
    Path dir;

    @Test
    void theLineSaysWhatHappenedSinceThePreviousOne() {
        var before = new MetricsSnapshot(2, 5, 1000, 3, 1, 1, 7, 0, 10_000, 20_000, 65536,
                List.of(new PoolUse("small", 4096, 0, 4)));
        var now = new MetricsSnapshot(3, 2, 16_230, 7, 2, 1, 7, 1, 10_000 + 1_258_291, 20_000 + 3_565_158, 65536,
                List.of(new PoolUse("small", 4096, 10, 20), new PoolUse("medium", 65536, 2, 30),
                        new PoolUse("reserve", 4096, 0, 4)));
        assertThat(ServeStats.line(before, now, 10_000_000_000L)).isEqualTo("3 conns, 1523.0 req/s, 2 in flight, "
                + "4 flushes (1 flushed, 0 reply won), 0 errors, in 122.9 KiB/s, out 348.2 KiB/s, "
                + "pool 12 lent (small 10, medium 2), 2.0 MiB held");
        assertThat(ServeStats.line(MetricsSnapshot.EMPTY, MetricsSnapshot.EMPTY, 1_000_000_000L)).isEqualTo(
                "0 conns, 0.0 req/s, 0 in flight, 0 flushes (0 flushed, 0 reply won), 0 errors, in 0 B/s, "
                        + "out 0 B/s, pool 0 lent, 0 B held");
        var one = new MetricsSnapshot(1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 8192, List.of());
        assertThat(ServeStats.line(MetricsSnapshot.EMPTY, one, 2_000_000_000L))
                .startsWith("1 conn, 0.5 req/s, 0 in flight, 1 flush (0 flushed, 1 reply won), 1 error, ");
    }

    @Test
    void sizesAndRatesInBinaryUnits() {
        assertThat(ServeStats.bytes(0)).isEqualTo("0 B");
        assertThat(ServeStats.bytes(1023)).isEqualTo("1023 B");
        assertThat(ServeStats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ServeStats.bytes(4L << 20)).isEqualTo("4.0 MiB");
        assertThat(ServeStats.rate(3L << 30)).isEqualTo("3.0 GiB/s");
    }

    @Test
    void helpAndUsage() {
        Cli.Result help = Cli.run("serve", "--help");
        assertThat(help.out()).contains("--stats[=SECONDS]").contains("summary line on standard error");
        Cli.Result zero = Cli.run("serve", "--stats=0", dir.toString());
        assertThat(zero.code()).as(zero.describe()).isEqualTo(2);
        assertThat(zero.stderr()).contains("--stats takes a period between 0.01 and 86400 seconds");
        Cli.Result spaced = Cli.run("serve", "--stats", "0.005", dir.toString());
        assertThat(spaced.stderr()).as("a number after --stats is its period").contains("not 0.005");
        // Without a number, the next argument is not taken for one: here the bad --msize is what fails.
        Cli.Result alone = Cli.run("serve", "--stats", dir.toString(), "--msize", "1000");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.stderr()).contains("below the protocol's minimum").doesNotContain("Invalid value");
    }

    /**
     * A child {@code ninep serve --stats=0.2}: its lines, read as they come, count exactly the
     * errors and flushes a client caused (the counts of successive lines add up), and once the
     * client is quiet a line shows it connected with nothing in flight.
     */
    @Test
    void aRunningServerPrintsALineEveryPeriod() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.ninep.cli.Main", "serve", "--listen", "tcp!127.0.0.1!0", "--stats=0.2", dir.toString()));
        Process p = new ProcessBuilder(cmd).start();
        LinkedBlockingQueue<String> stats = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    if (line.contains(" STATS ")) {
                        stats.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
        });
        try {
            String[] a = listeningAddress(p).split("!");
            try (RawClient c = new RawClient(new SocketTransport(SocketChannel.open(
                    new InetSocketAddress(a[1], Integer.parseInt(a[2])))))) {
                c.start(8192);
                c.call(2, new Tgetattr(0, Attr.BASIC), Rgetattr.class);
                assertThat(c.rpc(3, new Twalk(0, 1, List.of("missing")))).isEqualTo(new Rlerror(Errno.ENOENT.number()));
                assertThat(c.rpc(4, new Twalk(0, 1, List.of("nor-this")))).isEqualTo(new Rlerror(Errno.ENOENT.number()));
                c.send(5, new Tflush(77));
                c.expect(5, Rflush.class);

                long errors = 0;
                long flushes = 0;
                long requests = 0;
                boolean quiet = false;
                while (errors < 2 || flushes < 1 || !quiet) {
                    String line = stats.poll(20, TimeUnit.SECONDS);
                    assertThat(line).as("a STATS line within 20 s").isNotNull();
                    Matcher m = LINE.matcher(line);
                    assertThat(m.matches()).as("format of '%s'", line).isTrue();
                    errors += Long.parseLong(m.group(7));
                    flushes += Long.parseLong(m.group(4));
                    requests += Double.parseDouble(m.group(2)) > 0 ? 1 : 0;
                    quiet = m.group(1).equals("1") && m.group(3).equals("0") && m.group(8).equals("0");
                }
                assertThat(errors).isEqualTo(2);
                assertThat(flushes).isEqualTo(1);
                assertThat(requests).as("lines with requests").isPositive();
            }
        } finally {
            p.toHandle().destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String listeningAddress(Process p) throws IOException {
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("ninep: serving .* on (\\S+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("ninep serve ended without listening");
    }
}
