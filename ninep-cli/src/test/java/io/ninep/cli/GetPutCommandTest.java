package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.memory.SyntheticFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninep get} and {@code ninep put}: what they copy, what they refuse, and what a failure leaves. */
@Timeout(60)
class GetPutCommandTest {
    @TempDir
    Path export;
    @TempDir
    Path here;
    private TestServer server;
    private byte[] big;

    @BeforeEach
    void start() throws IOException {
        big = new byte[3 << 20];
        new Random(5640).nextBytes(big);
        Files.write(export.resolve("big.bin"), big);
        Files.createDirectory(export.resolve("docs"));
        Files.writeString(export.resolve("docs/a.txt"), "hello\n");
        server = TestServer.exporting(export);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String local(String name) {
        return here.resolve(name).toString();
    }

    // ---- get ----

    @Test
    void getCopiesTheFileAndSaysNothingWhenNotOnATerminal() throws IOException {
        Cli.Result r = Cli.run("get", "--msize", "64k", server.address(), "/big.bin", local("copy.bin"));
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.stderr()).as("no progress bar: standard error is not a terminal").isEmpty();
        assertThat(Files.readAllBytes(here.resolve("copy.bin"))).isEqualTo(big);
        assertThat(names(here)).as("no temporary file left").containsExactly("copy.bin");
    }

    @Test
    void getIntoADirectoryKeepsTheNameAndDashWritesStandardOutput() throws IOException {
        assertThat(Cli.run("get", server.address(), "docs/a.txt", here.toString()).code()).isZero();
        assertThat(Files.readString(here.resolve("a.txt"))).isEqualTo("hello\n");
        Cli.Result r = Cli.run("get", server.address(), "/big.bin", "-");
        assertThat(r.code()).isZero();
        assertThat(r.stdout()).isEqualTo(big);
        Cli.Result o = Cli.run("get", "-o", local("o.txt"), "9p://127.0.0.1:" + server.port() + "/docs/a.txt");
        assertThat(o.code()).as(o.describe()).isZero();
        assertThat(Files.readString(here.resolve("o.txt"))).isEqualTo("hello\n");
    }

    @Test
    void getNeverReplacesNorAppendsWithoutForce() throws IOException {
        Files.writeString(here.resolve("big.bin"), "a shorter file, as a broken download leaves");
        Cli.Result r = Cli.run("get", server.address(), "big.bin", local("big.bin"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: get: cannot create '" + local("big.bin")
                + "': File exists (use -f to replace it)\n");
        assertThat(Files.readString(here.resolve("big.bin"))).isEqualTo("a shorter file, as a broken download leaves");
        assertThat(Cli.run("get", "-f", server.address(), "big.bin", local("big.bin")).code()).isZero();
        assertThat(Files.readAllBytes(here.resolve("big.bin"))).isEqualTo(big);
        assertThat(names(here)).containsExactly("big.bin");
    }

    @Test
    void getShowsAProgressBarWithRateAndTimeLeftWhenAsked() {
        Cli.Result r = Cli.run("get", "--progress", "--msize", "64k", server.address(), "big.bin", local("p.bin"));
        assertThat(r.code()).isZero();
        assertThat(r.stderr()).startsWith("\rp.bin ").contains("% [", " / 3.0 MiB", " MiB/s  ETA ")
                .containsPattern("\rp\\.bin  100% \\[#{20}\\]   3\\.0 MiB +\\d+\\.\\d MiB/s  in \\d+\\.\\d s *\n$");
        assertThat(Cli.run("get", "-q", "--progress", server.address(), "big.bin", local("q.bin")).stderr())
                .as("--quiet wins").isEmpty();
    }

    @Test
    void getOfADirectoryOrAMissingFileFails() throws IOException {
        Cli.Result dir = Cli.run("get", server.address(), "docs", here.toString());
        assertThat(dir.code()).isEqualTo(1);
        assertThat(dir.stderr()).isEqualTo("ninep: get: docs: Is a directory\n");
        Cli.Result missing = Cli.run("get", server.address(), "/nope", here.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("ninep: get: /nope: No such file or directory\n");
        assertThat(Cli.run("get", server.address()).code()).as("which file?").isEqualTo(2);
        assertThat(names(here)).isEmpty();
    }

    @Test
    void aSizeMismatchFailsLoudlyAndLeavesNoFile() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().file("lie.bin", big);
        try (TestServer liar = new TestServer(LyingFileServer.around(fs, 1))) {
            Cli.Result r = Cli.run("get", liar.address(), "/lie.bin", local("lie.bin"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ninep: get: /lie.bin: size mismatch: the server reports 3145729 bytes,"
                    + " 3145728 were received; '" + local("lie.bin") + "' was not written\n");
            Cli.Result out = Cli.run("get", liar.address(), "/lie.bin", "-");
            assertThat(out.code()).isEqualTo(1);
            assertThat(out.stderr()).endsWith("3145728 were received; standard output is incomplete\n");
        }
        assertThat(names(here)).as("neither the file nor a temporary one").isEmpty();
    }

    @Test
    void aSyntheticFileOfSizeZeroIsReadToItsEnd() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().computed("time", () -> "12:00\n");
        try (TestServer s = new TestServer(fs)) {
            Cli.Result r = Cli.run("get", s.address(), "/time", local("time"));
            assertThat(r.code()).as(r.describe()).isZero();
            assertThat(Files.readString(here.resolve("time"))).isEqualTo("12:00\n");
        }
    }

    @Test
    void aTransferThatFailsHalfwayLeavesNoHalfFile() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        CountDownLatch stuck = new CountDownLatch(1);
        fs.root().synthetic("stalls", 0444, new SyntheticFile() {
            @Override
            public int read(long offset, ByteBuffer dst) throws IOException {
                if (offset < 1 << 20) {
                    int n = (int) Math.min(dst.remaining(), (1 << 20) - offset);
                    dst.position(dst.position() + n);
                    return n;
                }
                try {
                    stuck.await();   // until the client gives up and the server interrupts the read
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return 0;
            }

            @Override
            public long size() {
                return 4 << 20;
            }
        });
        try (TestServer s = new TestServer(fs)) {
            Cli.Result r = Cli.run("get", "--timeout", "0.5", s.address(), "/stalls", local("stalls"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ninep: get: /stalls: Connection timed out (no reply for 500 ms)\n");
        } finally {
            stuck.countDown();
        }
        assertThat(names(here)).as("an interrupted get leaves nothing under the name, and no temporary file").isEmpty();
    }

    // ---- put ----

    @Test
    void putCopiesTheFileWithItsPermissionBits() throws IOException {
        Path src = here.resolve("up.bin");
        Files.write(src, big);
        Files.setAttribute(src, "unix:mode", 0640);
        Cli.Result r = Cli.run("put", "--msize", "64k", server.address(), src.toString(), "/docs/");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.readAllBytes(export.resolve("docs/up.bin"))).isEqualTo(big);
        assertThat((int) Files.getAttribute(export.resolve("docs/up.bin"), "unix:mode") & 07777).isEqualTo(0640);
        assertThat(names(export.resolve("docs"))).as("no temporary file left").containsExactly("a.txt", "up.bin");
        assertThat(Cli.run("put", server.address(), src.toString()).code()).isZero();
        assertThat(Files.readAllBytes(export.resolve("up.bin"))).as("default: the root, LOCAL's name").isEqualTo(big);
    }

    @Test
    void putNeverReplacesWithoutForce() throws IOException {
        Path src = here.resolve("a.txt");
        Files.writeString(src, "new content\n");
        Cli.Result r = Cli.run("put", server.address(), src.toString(), "docs/a.txt");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: put: cannot create 'docs/a.txt': File exists (use -f to replace it)\n");
        assertThat(Files.readString(export.resolve("docs/a.txt"))).isEqualTo("hello\n");
        Cli.Result f = Cli.run("put", "-f", server.address(), src.toString(), "docs");
        assertThat(f.code()).as(f.describe()).isZero();
        assertThat(Files.readString(export.resolve("docs/a.txt"))).isEqualTo("new content\n");
        assertThat(names(export.resolve("docs"))).containsExactly("a.txt");
    }

    @Test
    void putFromStandardInput() throws IOException {
        Cli.Result r = Cli.runWithInput("from stdin\n".getBytes(StandardCharsets.UTF_8), "put", server.address(), "-",
                "docs/in.txt");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(Files.readString(export.resolve("docs/in.txt"))).isEqualTo("from stdin\n");
        assertThat((int) Files.getAttribute(export.resolve("docs/in.txt"), "unix:mode") & 0777).isEqualTo(0644);
        assertThat(Cli.run("put", server.address(), "-").code()).as("standard input needs a name").isEqualTo(2);
    }

    @Test
    void putOfWhatIsNotThereFails() throws IOException {
        Cli.Result r = Cli.run("put", server.address(), local("nope"), "x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: put: cannot stat '" + local("nope") + "': No such file or directory\n");
        Files.writeString(here.resolve("x"), "x");
        Cli.Result dir = Cli.run("put", server.address(), local("x"), "/nodir/x");
        assertThat(dir.code()).isEqualTo(1);
        assertThat(dir.stderr()).isEqualTo("ninep: put: cannot create '/nodir/x': No such file or directory\n");
    }

    @Test
    void putSizeMismatchFailsLoudlyAndLeavesNoFile() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        Path src = here.resolve("up.bin");
        Files.write(src, big);
        try (TestServer liar = new TestServer(LyingFileServer.around(fs, 1))) {
            Cli.Result r = Cli.run("put", liar.address(), src.toString(), "/up.bin");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ninep: put: /up.bin: size mismatch: 3145728 bytes were sent, the server"
                    + " reports 3145729; '/up.bin' was not written\n");
            Cli.Result ls = Cli.run("ls", "-a", liar.address());
            assertThat(ls.out()).as("no file and no temporary one").isEqualTo(".\n..\n");
        }
    }

    @Test
    void aPutThatFailsHalfwayRemovesItsTemporaryFile() throws Exception {
        MemoryFileServer fs = new MemoryFileServer(1 << 20);
        Path src = here.resolve("up.bin");
        Files.write(src, big);
        try (TestServer small = new TestServer(fs)) {
            Cli.Result r = Cli.run("put", small.address(), src.toString(), "/up.bin");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ninep: put: cannot create '/up.bin': No space left on device\n");
            assertThat(Cli.run("ls", "-A", small.address()).out()).isEmpty();
        }
    }

    @Test
    void inPlaceWritesIntoASyntheticControlFile() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        List<String> commands = new CopyOnWriteArrayList<>();
        fs.root().control("ctl", commands::add);
        Path src = here.resolve("cmd");
        Files.writeString(src, "reload\n");
        try (TestServer s = new TestServer(fs)) {
            assertThat(Cli.run("put", "--in-place", s.address(), src.toString(), "/ctl").code())
                    .as("it exists: -f needed").isEqualTo(1);
            Cli.Result r = Cli.run("put", "--in-place", "-f", s.address(), src.toString(), "/ctl");
            assertThat(r.code()).as(r.describe()).isZero();
        }
        assertThat(commands).containsExactly("reload");
    }

    @Test
    void putShowsProgressWhenAsked() throws IOException {
        Path src = here.resolve("up.bin");
        Files.write(src, big);
        Cli.Result r = Cli.run("put", "--progress", "--msize", "64k", server.address(), src.toString());
        assertThat(r.code()).isZero();
        assertThat(r.stderr()).startsWith("\rup.bin ").contains(" MiB/s  ETA ").endsWith("\n");
    }
}
