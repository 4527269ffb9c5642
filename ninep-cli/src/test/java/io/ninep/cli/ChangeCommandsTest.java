package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ninep mkdir}, {@code rm}, {@code mv} and {@code ln}, checked on the exported directory itself. */
@Timeout(60)
class ChangeCommandsTest {
    @TempDir
    Path export;
    private TestServer server;
    private String a;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(export.resolve("docs/sub"));
        Files.writeString(export.resolve("docs/a.txt"), "hello\n");
        Files.writeString(export.resolve("docs/sub/deep.txt"), "deep\n");
        Files.writeString(export.resolve("b.txt"), "b\n");
        server = TestServer.exporting(export);
        a = server.address();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private boolean exists(String p) {
        return Files.exists(export.resolve(p), LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void mkdir() throws IOException {
        assertThat(Cli.run("mkdir", a, "new", "/docs/new").code()).isZero();
        assertThat(Files.isDirectory(export.resolve("new"))).isTrue();
        assertThat(Files.isDirectory(export.resolve("docs/new"))).isTrue();
        Cli.Result again = Cli.run("mkdir", a, "new", "x/y");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.stderr()).isEqualTo("ninep: mkdir: cannot create directory 'new': File exists\n"
                + "ninep: mkdir: cannot create directory 'x/y': No such file or directory\n");
        assertThat(Cli.run("mkdir", "-p", "-m", "700", a, "x/y/z", "new").code()).isZero();
        assertThat((int) Files.getAttribute(export.resolve("x/y/z"), "unix:mode") & 07777).isEqualTo(0700);
        assertThat((int) Files.getAttribute(export.resolve("x"), "unix:mode") & 07777).isEqualTo(0755);
        Cli.Result notDir = Cli.run("mkdir", "-p", a, "b.txt/c");
        assertThat(notDir.stderr()).isEqualTo("ninep: mkdir: cannot create directory 'b.txt/c': Not a directory\n");
        assertThat(Cli.run("mkdir", "-m", "9", a, "q").code()).isEqualTo(2);
        Cli.Result v = Cli.run("mkdir", "-pv", a, "v/w");
        assertThat(v.out()).isEqualTo("ninep: mkdir: created directory '/v'\nninep: mkdir: created directory '/v/w'\n");
    }

    @Test
    void rmOfFilesAndDirectories() {
        Cli.Result dir = Cli.run("rm", a, "docs", "b.txt");
        assertThat(dir.code()).isEqualTo(1);
        assertThat(dir.stderr()).isEqualTo("ninep: rm: cannot remove 'docs': Is a directory\n");
        assertThat(exists("docs")).isTrue();
        assertThat(exists("b.txt")).isFalse();
        Cli.Result notEmpty = Cli.run("rm", "-d", a, "docs");
        assertThat(notEmpty.stderr()).isEqualTo("ninep: rm: cannot remove 'docs': Directory not empty\n");
        Cli.Result missing = Cli.run("rm", a, "/nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("ninep: rm: cannot remove '/nope': No such file or directory\n");
        Cli.Result quiet = Cli.run("rm", "-f", a, "/nope");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.stderr()).isEmpty();
        Cli.Result tree = Cli.run("rm", "-rv", a, "docs");
        assertThat(tree.code()).as(tree.describe()).isZero();
        assertThat(tree.out()).isEqualTo("removed 'docs/a.txt'\nremoved 'docs/sub/deep.txt'\n"
                + "removed directory 'docs/sub'\nremoved directory 'docs'\n");
        assertThat(exists("docs")).isFalse();
    }

    @Test
    void rmRefusesTheRootAndDots() {
        Cli.Result r = Cli.run("rm", "-rf", a, "/", "docs/..", "docs/sub/.");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ninep: rm: refusing to remove '/': it is the root of the attached tree\n"
                + "ninep: rm: refusing to remove '.' or '..' directory: skipping 'docs/..'\n"
                + "ninep: rm: refusing to remove '.' or '..' directory: skipping 'docs/sub/.'\n");
        assertThat(exists("docs/sub/deep.txt")).isTrue();
    }

    @Test
    void mvRenamesMovesAndReplaces() throws IOException {
        assertThat(Cli.run("mv", a, "b.txt", "c.txt").code()).isZero();
        assertThat(Files.readString(export.resolve("c.txt"))).isEqualTo("b\n");
        assertThat(Cli.run("mv", a, "c.txt", "docs/sub").code()).isZero();
        assertThat(exists("docs/sub/c.txt")).isTrue();
        assertThat(Cli.run("mv", a, "docs/sub/c.txt", "docs/a.txt").code()).as("replaces, as coreutils' mv").isZero();
        assertThat(Files.readString(export.resolve("docs/a.txt"))).isEqualTo("b\n");
        Files.writeString(export.resolve("n.txt"), "n\n");
        assertThat(Cli.run("mv", "-n", a, "n.txt", "docs/a.txt").code()).isZero();
        assertThat(Files.readString(export.resolve("docs/a.txt"))).isEqualTo("b\n");
        assertThat(exists("n.txt")).isTrue();
        Cli.Result same = Cli.run("mv", a, "docs/a.txt", "/docs/../docs/a.txt");
        assertThat(same.stderr()).isEqualTo("ninep: mv: 'docs/a.txt' and '/docs/../docs/a.txt' are the same file\n");
        Cli.Result many = Cli.run("mv", a, "n.txt", "docs/a.txt", "n.txt");
        assertThat(many.stderr()).isEqualTo("ninep: mv: target 'n.txt' is not a directory\n");
        Cli.Result missing = Cli.run("mv", a, "/nope", "docs");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("ninep: mv: cannot stat '/nope': No such file or directory\n");
        assertThat(Cli.run("mv", a, "n.txt").code()).isEqualTo(2);
    }

    @Test
    void mvInOlderDialectsStaysWithinADirectory() throws IOException {
        assertThat(Cli.run("mv", "--dialect", "9P2000.u", a, "docs/a.txt", "docs/z.txt").code()).isZero();
        assertThat(exists("docs/z.txt")).isTrue();
        Cli.Result across = Cli.run("mv", "--dialect", "9P2000", a, "docs/z.txt", "/z.txt");
        assertThat(across.code()).isEqualTo(1);
        assertThat(across.stderr()).isEqualTo("ninep: mv: cannot move 'docs/z.txt' to '/z.txt': Operation not supported\n");
    }

    @Test
    void lnMakesSymbolicAndHardLinks() throws IOException {
        assertThat(Cli.run("ln", "-s", a, "docs/a.txt", "/l").code()).isZero();
        assertThat(Files.readSymbolicLink(export.resolve("l"))).isEqualTo(Path.of("docs/a.txt"));
        Cli.Result exists = Cli.run("ln", "-s", a, "b.txt", "/l");
        assertThat(exists.code()).isEqualTo(1);
        assertThat(exists.stderr()).isEqualTo("ninep: ln: failed to create symbolic link '/l': File exists\n");
        assertThat(Cli.run("ln", "-sf", a, "b.txt", "/l").code()).isZero();
        assertThat(Files.readSymbolicLink(export.resolve("l"))).isEqualTo(Path.of("b.txt"));
        assertThat(Cli.run("ln", a, "/docs/a.txt", "/docs/sub").code()).isZero();
        assertThat(Files.isSameFile(export.resolve("docs/a.txt"), export.resolve("docs/sub/a.txt"))).isTrue();
        Cli.Result dir = Cli.run("ln", a, "/docs", "/d");
        assertThat(dir.stderr()).isEqualTo("ninep: ln: '/docs': hard link not allowed for directory\n");
        Cli.Result missing = Cli.run("ln", a, "/nope", "/x");
        assertThat(missing.stderr()).isEqualTo("ninep: ln: failed to access '/nope': No such file or directory\n");
        assertThat(Cli.run("ln", "-s", "--dialect", "9P2000.u", a, "b.txt", "/u").code()).isZero();
        assertThat(Files.readSymbolicLink(export.resolve("u"))).isEqualTo(Path.of("b.txt"));
        Cli.Result classic = Cli.run("ln", "-s", "--dialect", "9P2000", a, "b.txt", "/p");
        assertThat(classic.stderr()).isEqualTo("ninep: ln: failed to create symbolic link '/p': Operation not supported\n");
    }
}
