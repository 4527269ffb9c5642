package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.MemoryStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninep cat} and {@code ninep stat}, and giving up on a server that does not answer. */
@Timeout(60)
class CatStatCommandTest {
    @TempDir
    Path export;
    private TestServer server;
    private byte[] everyByte;

    @BeforeEach
    void start() throws IOException {
        everyByte = new byte[300_000];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) (i * 7 + i / 256);
        }
        Files.write(export.resolve("bytes.bin"), everyByte);
        Files.createDirectory(export.resolve("docs"));
        Files.writeString(export.resolve("docs/a.txt"), "hello\n");
        Files.writeString(export.resolve("docs/b.txt"), "world\n");
        server = TestServer.exporting(export);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void catIsByteForByteOverManyReads() {
        Cli.Result r = Cli.run("cat", "--msize", "8192", server.address(), "bytes.bin");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo(everyByte);
        assertThat(Cli.run("cat", "--dialect", "9P2000", server.address(), "bytes.bin").stdout()).isEqualTo(everyByte);
    }

    @Test
    void catConcatenatesAndReportsWhatFailsAsCoreutilsDoes() {
        Cli.Result r = Cli.run("cat", server.address(), "docs/a.txt", "/x", "docs", "docs/b.txt");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("hello\nworld\n");
        assertThat(r.stderr()).isEqualTo("ninep: cat: /x: No such file or directory\nninep: cat: docs: Is a directory\n");
    }

    @Test
    void catFollowsAStreamUntilItEnds() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        MemoryStream events = fs.root().stream("events");
        try (TestServer s = new TestServer(fs)) {
            var out = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                CompletableFuture<Integer> cat = CompletableFuture.supplyAsync(() -> Main.run("cat", s.address(), "/events"));
                awaitTrue(() -> events.readers() == 1);
                events.publish("one\n");
                awaitTrue(() -> out.toString(StandardCharsets.UTF_8).equals("one\n"));   // written before the stream ends
                events.publish("two\n");
                events.close();
                assertThat(cat.get()).isZero();
            } finally {
                System.setOut(saved);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
        }
    }

    @Test
    void aServerThatStopsAnsweringTimesOut() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().stream("events");
        try (TestServer s = new TestServer(fs)) {
            Cli.Result r = Cli.run("cat", "--timeout", "0.3", s.address(), "/events");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ninep: cat: /events: Connection timed out (no reply for 300 ms)\n");
        }
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The kernel completes the TCP handshake; nobody ever answers Tversion.
            Cli.Result r = Cli.run("ls", "--timeout", "0.3", "tcp!127.0.0.1!" + silent.getLocalPort());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ninep: ls: cannot connect to tcp!127.0.0.1!" + silent.getLocalPort()
                    + ": Connection timed out (no answer to Tversion)\n");
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void statShowsEveryAttributeInStatsLayout() throws IOException {
        Path a = export.resolve("docs/a.txt");
        Files.setAttribute(a, "unix:mode", 0640);
        Instant mtime = Instant.parse("2024-02-03T04:05:06.123456789Z");
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.from(mtime));
        String uid = Files.getAttribute(a, "unix:uid").toString();
        String gid = Files.getAttribute(a, "unix:gid").toString();
        Cli.Result r = Cli.run("stat", server.address(), "/docs/a.txt");
        assertThat(r.code()).as(r.describe()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("  File: /docs/a.txt");
        assertThat(lines[1]).matches("  Size: 6         \tBlocks: \\d+ +IO Block: \\d+ +regular file");
        assertThat(lines[2]).matches("   Qid: \\([0-9a-f]{16} \\d+ \\)\tInode: \\d+ +Links: 1");
        assertThat(lines[3]).isEqualTo(String.format("Access: (0640/-rw-r-----)  Uid: (%5s/%8s)   Gid: (%5s/%8s)",
                uid, uid, gid, gid));
        ZonedDateTime m = mtime.atZone(ZoneId.systemDefault());
        int offset = m.getOffset().getTotalSeconds() / 60;
        assertThat(lines[5]).isEqualTo(String.format("Modify: %04d-%02d-%02d %02d:%02d:%02d.123456789 %s%02d%02d",
                m.getYear(), m.getMonthValue(), m.getDayOfMonth(), m.getHour(), m.getMinute(), m.getSecond(),
                offset < 0 ? "-" : "+", Math.abs(offset) / 60, Math.abs(offset) % 60));
        assertThat(lines[4]).startsWith("Access: ");
        assertThat(lines[6]).startsWith("Change: ");
        assertThat(lines[7]).startsWith(" Birth: ");
    }

    @Test
    void statOfDirectoriesLinksAndMissingFiles() throws IOException {
        Files.createSymbolicLink(export.resolve("l"), Path.of("docs/a.txt"));
        Cli.Result r = Cli.run("stat", server.address(), "docs", "/nope", "l");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: stat: cannot stat '/nope': No such file or directory\n");
        assertThat(r.out()).contains("  File: docs\n", " directory\n", "Access: (0755/drwxr-xr-x)",
                "  File: l -> docs/a.txt\n", " symbolic link\n");
        Cli.Result u = Cli.run("stat", "--dialect", "9P2000.u", server.address(), "docs/a.txt");
        assertThat(u.out()).contains("  Size: 6         \tBlocks: -          IO Block: -      regular file\n",
                "Change: -\n", "  Muid: ");
    }
}
