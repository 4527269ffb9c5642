package io.ninep.it.cli;

import io.ninep.it.peers.DiodExtension;
import io.ninep.it.peers.Trees;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file commands (ls, stat, cat, get, put, mkdir, rm, mv, ln, tree) against Debian's diod,
 * run in this process as a user runs them. diod speaks only 9P2000.L, caps msize at 64 KiB and
 * has neither Trenameat nor Tunlinkat (the client falls back to Trename and Tremove).
 */
class FileCommandsDiodIT {
    private static final FileTime OLD = FileTime.from(LocalDateTime.of(2023, 1, 2, 3, 4).atZone(ZoneId.systemDefault()).toInstant());
    @RegisterExtension
    static final DiodExtension diod = new DiodExtension();
    private static String address;
    private static String aname;

    @TempDir
    Path here;

    @BeforeAll
    static void connection() {
        address = diod.get().address();
        aname = diod.get().export().toString();
    }

    @BeforeEach
    void freshTree() throws IOException {
        try (Stream<Path> s = Files.list(diod.get().export())) {
            for (Path p : s.toList()) {
                Trees.delete(p);
            }
        }
        Files.createDirectories(diod.get().export().resolve("docs/sub"));
        Path a = diod.get().export().resolve("docs/a.txt");
        Files.writeString(a, "hello\n");
        Files.setAttribute(a, "unix:mode", 0644);
        Files.createSymbolicLink(diod.get().export().resolve("docs/link"), Path.of("a.txt"));
        Files.createSymbolicLink(diod.get().export().resolve("dl"), Path.of("docs"));
        for (Path p : new Path[] {a, diod.get().export().resolve("docs/link")}) {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(OLD, null, null);
        }
    }

    record Result(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return "exit " + code + "\n" + out() + stderr;
        }
    }

    /** ninep COMMAND --aname EXPORT ADDR ARGS..., with standard streams of its own. */
    private static synchronized Result ninep(byte[] stdin, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--aname", aname, address));
        all.addAll(List.of(args));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return new Result(Main.run(all.toArray(String[]::new)), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
    }

    private static Result ninep(String command, String... args) {
        return ninep(new byte[0], command, args);
    }

    @Test
    void lsLongFormat() {
        Result r = ninep("ls", "-l", "docs");
        assertThat(r.code()).as(r.describe()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).matches("total \\d+");
        assertThat(lines[1]).isEqualTo("-rw-r--r-- 1 0 0    6 Jan  2  2023 a.txt");
        assertThat(lines[2]).isEqualTo("lrwxrwxrwx 1 0 0    5 Jan  2  2023 link -> a.txt");
        assertThat(lines[3]).matches("drwxr-xr-x 2 0 0 +\\d+ .{12} sub");
        assertThat(ninep("ls", "-a", "docs").out()).isEqualTo(".\n..\na.txt\nlink\nsub\n");
    }

    @Test
    void statAndCat() {
        Result s = ninep("stat", "docs/a.txt");
        assertThat(s.code()).as(s.describe()).isZero();
        assertThat(s.out()).startsWith("  File: docs/a.txt\n  Size: 6         \tBlocks: ")
                .contains("Access: (0644/-rw-r--r--)  Uid: (    0/       0)   Gid: (    0/       0)\n");
        Result c = ninep("cat", "docs/a.txt", "/missing");
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.out()).isEqualTo("hello\n");
        assertThat(ninep("cat", "docs/link", "dl/link").out()).as("links followed by the client")
                .isEqualTo("hello\nhello\n");
        assertThat(c.stderr()).isEqualTo("ninep: cat: /missing: No such file or directory\n");
    }

    @Test
    void putAndGetRoundTripWithSizesChecked() throws IOException {
        byte[] data = new byte[(1 << 20) + 12345];
        new Random(564).nextBytes(data);
        Path src = here.resolve("data.bin");
        Files.write(src, data);
        Result put = ninep("put", src.toString(), "docs/");
        assertThat(put.code()).as(put.describe()).isZero();
        assertThat(put.stderr()).isEmpty();
        assertThat(Files.readAllBytes(diod.get().export().resolve("docs/data.bin"))).isEqualTo(data);
        assertThat(ninep("ls", "-A", "docs").out()).as("no temporary file left").isEqualTo("a.txt\ndata.bin\nlink\nsub\n");
        Result again = ninep("put", src.toString(), "docs/");
        assertThat(again.stderr()).isEqualTo("ninep: put: cannot create 'docs/data.bin': File exists (use -f to replace it)\n");
        assertThat(ninep("put", "-f", src.toString(), "docs/").code()).isZero();
        Path copy = here.resolve("copy.bin");
        Result get = ninep("get", "docs/data.bin", copy.toString());
        assertThat(get.code()).as(get.describe()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
        Result cut = ninep("get", "--msize", "1M", "-o", here.resolve("cut.bin").toString(), "docs/data.bin");
        assertThat(cut.stderr()).isEqualTo("ninep: get: msize cut: requested 1048576; transport tcp allows 1073741824;"
                + " server answered 65536; using 65536\n");
        Result stdin = ninep("hi\n".getBytes(StandardCharsets.UTF_8), "put", "-", "docs/in.txt");
        assertThat(stdin.code()).as(stdin.describe()).isZero();
        assertThat(ninep("cat", "docs/in.txt").out()).isEqualTo("hi\n");
    }

    @Test
    void mkdirMvLnRm() throws IOException {
        assertThat(ninep("mkdir", "-p", "x/y/z").code()).isZero();
        assertThat(Files.isDirectory(diod.get().export().resolve("x/y/z"))).isTrue();
        Result mv = ninep("mv", "docs/a.txt", "x/y");
        assertThat(mv.code()).as(mv.describe()).isZero();
        assertThat(Files.readString(diod.get().export().resolve("x/y/a.txt"))).isEqualTo("hello\n");
        assertThat(ninep("ln", "-s", "y/a.txt", "x/l").code()).isZero();
        assertThat(Files.readSymbolicLink(diod.get().export().resolve("x/l"))).isEqualTo(Path.of("y/a.txt"));
        assertThat(ninep("ln", "x/y/a.txt", "x/hard").code()).isZero();
        assertThat(Files.isSameFile(diod.get().export().resolve("x/hard"), diod.get().export().resolve("x/y/a.txt"))).isTrue();
        Result dir = ninep("rm", "x");
        assertThat(dir.stderr()).isEqualTo("ninep: rm: cannot remove 'x': Is a directory\n");
        Result rm = ninep("rm", "-rv", "x");
        assertThat(rm.code()).as(rm.describe()).isZero();
        assertThat(rm.out()).isEqualTo("removed 'x/hard'\nremoved 'x/l'\nremoved 'x/y/a.txt'\nremoved directory 'x/y/z'\n"
                + "removed directory 'x/y'\nremoved directory 'x'\n");
        assertThat(Files.exists(diod.get().export().resolve("x"))).isFalse();
    }

    @Test
    void tree() {
        Result r = ninep("tree");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).isEqualTo("/\n├── dl -> docs\n└── docs\n    ├── a.txt\n    ├── link -> a.txt\n    └── sub\n\n"
                + "2 directories, 3 files\n");
    }

    @Test
    void attachingWhatDiodDoesNotExportFails() {
        var out = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("ls", "--aname", "/not/exported", address);
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ninep: ls: cannot attach '/not/exported' on "
                + address + " as '");
    }
}
