package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninep ls} against ninep's server exporting a directory, compared with what coreutils' ls shows. */
@Timeout(60)
class LsCommandTest {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final FileTime OLD = FileTime.from(LocalDateTime.of(2023, 1, 2, 3, 4).atZone(ZoneId.systemDefault()).toInstant());

    @TempDir
    Path export;
    private TestServer server;
    private String uid;
    private String gid;
    private ZonedDateTime recent;

    @BeforeEach
    void start() throws IOException {
        Path docs = Files.createDirectory(export.resolve("docs"));
        file(docs.resolve("a.txt"), "hello\n", 0644);
        file(docs.resolve("b.bin"), "x".repeat(12345), 0600);
        file(docs.resolve("run"), "", 04755);
        Files.createSymbolicLink(docs.resolve("link"), Path.of("a.txt"));
        for (String n : new String[] {"a.txt", "b.bin", "link"}) {
            Files.getFileAttributeView(docs.resolve(n), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(OLD, null, null);
        }
        recent = ZonedDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES);
        Files.setLastModifiedTime(docs.resolve("run"), FileTime.from(recent.toInstant()));
        file(export.resolve(".hidden"), "", 0644);
        file(export.resolve("B"), "", 0644);
        file(export.resolve("_x"), "", 0644);
        file(export.resolve("a"), "", 0644);
        file(export.resolve("\uFF21"), "", 0644);        // UTF-8 EF BC A1
        file(export.resolve("\uD83D\uDE00"), "", 0644);  // UTF-8 F0 9F 98 80; in UTF-16 it sorts before U+FF21
        Files.createDirectories(export.resolve("docs/sub/deeper"));
        // Its own time would be an hour after "run"'s: another day between midnight and one.
        Files.setLastModifiedTime(docs.resolve("sub"), FileTime.from(recent.toInstant()));
        uid = Files.getAttribute(docs.resolve("a.txt"), "unix:uid").toString();
        gid = Files.getAttribute(docs.resolve("a.txt"), "unix:gid").toString();
        server = TestServer.exporting(export);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static void file(Path p, String content, int mode) throws IOException {
        Files.writeString(p, content);
        Files.setAttribute(p, "unix:mode", mode);
    }

    @Test
    void namesOnePerLineInByteOrderWithoutHiddenOnes() {
        Cli.Result r = Cli.run("ls", server.address());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).isEqualTo("B\n_x\na\ndocs\n\uFF21\n\uD83D\uDE00\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void allShowsDotFilesAndDotAndDotDot() {
        assertThat(Cli.run("ls", "-a", server.address()).out()).isEqualTo(".\n..\n.hidden\nB\n_x\na\ndocs\n\uFF21\n\uD83D\uDE00\n");
        assertThat(Cli.run("ls", "-A", server.address()).out()).isEqualTo(".hidden\nB\n_x\na\ndocs\n\uFF21\n\uD83D\uDE00\n");
    }

    @Test
    void longFormatAsCoreutilsPrintsIt() {
        Cli.Result r = Cli.run("ls", "-l", server.address(), "/docs");
        assertThat(r.code()).as(r.describe()).isZero();
        String when = String.format("%s %2d %02d:%02d", MONTHS[recent.getMonthValue() - 1], recent.getDayOfMonth(),
                recent.getHour(), recent.getMinute());
        String o = uid + " " + gid;
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).matches("total \\d+");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).isEqualTo("-rw-r--r-- 1 " + o + "     6 Jan  2  2023 a.txt");
        assertThat(lines[2]).isEqualTo("-rw------- 1 " + o + " 12345 Jan  2  2023 b.bin");
        assertThat(lines[3]).isEqualTo("lrwxrwxrwx 1 " + o + "     5 Jan  2  2023 link -> a.txt");
        assertThat(lines[4]).isEqualTo("-rwsr-xr-x 1 " + o + "     0 " + when + " run");
        assertThat(lines[5]).matches("drwxr-xr-x 3 " + o + " +\\d+ " + when + " sub");
    }

    @Test
    void operandsFilesFirstThenDirectoriesWithHeaders() {
        Cli.Result r = Cli.run("ls", server.address(), "docs/sub", "a", "docs/a.txt");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).isEqualTo("a\ndocs/a.txt\n\ndocs/sub:\ndeeper\n");
        assertThat(Cli.run("ls", "-d", server.address(), "docs", "/").out()).isEqualTo("/\ndocs\n");
        assertThat(Cli.run("ls", "-ld", server.address(), "docs").out()).matches("drwxr-xr-x 3 \\d+ \\d+ \\d+ .{12} docs\n");
    }

    @Test
    void recursive() {
        Cli.Result r = Cli.run("ls", "-R", server.address(), "docs");
        assertThat(r.out()).isEqualTo("docs:\na.txt\nb.bin\nlink\nrun\nsub\n\ndocs/sub:\ndeeper\n\ndocs/sub/deeper:\n");
    }

    @Test
    void aMissingOperandIsReportedAsCoreutilsDoesAndTheRestListed() {
        Cli.Result r = Cli.run("ls", server.address(), "/nope", "docs/sub");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: ls: cannot access '/nope': No such file or directory\n");
        assertThat(r.out()).as("two operands: a header, as coreutils prints").isEqualTo("docs/sub:\ndeeper\n");
    }

    @Test
    void aNinePUriGivesTheBaseDirectory() {
        String uri = "9p://127.0.0.1:" + server.port() + "/docs";
        assertThat(Cli.run("ls", uri).out()).isEqualTo("a.txt\nb.bin\nlink\nrun\nsub\n");
        assertThat(Cli.run("ls", uri, "sub").out()).isEqualTo("deeper\n");
        assertThat(Cli.run("ls", uri, "/").out()).startsWith("B\n_x\n");
        assertThat(Cli.run("ls", "127.0.0.1:" + server.port(), "docs/sub").out()).isEqualTo("deeper\n");
    }

    @Test
    void everyFormOfAddress(@TempDir Path sockets) throws IOException {
        String unix = server.listenUnix(sockets.resolve("ninep.sock"));
        for (String address : new String[] {server.address(), "127.0.0.1:" + server.port(), unix,
                sockets.resolve("ninep.sock").toString(), "9p://127.0.0.1:" + server.port(),
                "ninep://127.0.0.1:" + server.port() + "/docs/sub/.."}) {
            Cli.Result r = Cli.run("ls", address, "/docs/sub");
            assertThat(r.code()).as(address + ": " + r.describe()).isZero();
            assertThat(r.out()).as(address).isEqualTo("deeper\n");
        }
    }

    @Test
    void olderDialectsListTheSameNames() {
        for (String d : new String[] {"9P2000.u", "9P2000"}) {
            Cli.Result r = Cli.run("ls", "--dialect", d, server.address(), "docs");
            assertThat(r.out()).as(d).isEqualTo("a.txt\nb.bin\nlink\nrun\nsub\n");
            Cli.Result l = Cli.run("ls", "-la", "--dialect", d, server.address(), "docs");
            assertThat(l.code()).as(l.describe()).isZero();
            assertThat(l.out()).as(d).contains(" 12345 Jan  2  2023 b.bin\n").containsPattern("\n\\S+ +1 .* \\.\n")
                    .containsPattern("\n\\S+ +1 .* \\.\\.\n");
        }
        assertThat(Cli.run("ls", "-l", "--dialect", "9P2000.u", server.address(), "docs/link").out())
                .endsWith(" 5 Jan  2  2023 docs/link -> a.txt\n");
    }

    @Test
    void connectionRefusedExitsOneWithTheReason() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run("ls", "tcp!127.0.0.1!" + port, "/");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: ls: cannot connect to tcp!127.0.0.1!" + port + ": Connection refused\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run("ls").code()).isEqualTo(2);
        assertThat(Cli.run("ls", "--bogus", server.address()).code()).isEqualTo(2);
        Cli.Result bad = Cli.run("ls", "--dialect", "9P1999", server.address());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.stderr()).startsWith("ninep: ls: unknown 9P dialect '9P1999'")
                .contains("Try 'ninep ls --help' for more information.");
        assertThat(Cli.run("ls", "tcp!127.0.0.1!99999").code()).isEqualTo(2);
    }

    @Test
    void verboseTellsTheNegotiationAndAnMsizeCutIsNotedWhenAsked() {
        Cli.Result v = Cli.run("ls", "-v", server.address(), "docs/sub");
        assertThat(v.stderr()).startsWith("ninep: ls: connected to " + server.address() + ": 9P2000.L, msize 1048576\n");
        Cli.Result cut = Cli.run("ls", "--msize", "64M", server.address(), "docs/sub");
        assertThat(cut.code()).isZero();
        assertThat(cut.stderr()).isEqualTo("ninep: ls: msize cut: requested 67108864; transport tcp allows 1073741824;"
                + " server answered 4194304; using 4194304\n");
        assertThat(Cli.run("ls", server.address(), "docs/sub").stderr()).as("quiet by default").isEmpty();
    }
}
