package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links, which ninep's server never follows (a walk through one fails, an open of one
 * says ELOOP): the client follows them where coreutils would, and only there.
 */
@Timeout(60)
class SymlinkTest {
    @TempDir
    Path export;
    @TempDir
    Path here;
    private TestServer server;
    private String a;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(export.resolve("real/sub"));
        Files.writeString(export.resolve("real/sub/f.txt"), "through links\n");
        Files.createSymbolicLink(export.resolve("dirlink"), Path.of("real"));
        Files.createSymbolicLink(export.resolve("abs"), Path.of("/real/sub"));
        Files.createSymbolicLink(export.resolve("real/up"), Path.of("../dirlink/sub/f.txt"));
        Files.createSymbolicLink(export.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(export.resolve("dangling"), Path.of("nowhere"));
        server = TestServer.exporting(export);
        a = server.address();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void catAndGetFollowLinksAnywhereInThePath() throws IOException {
        assertThat(Cli.run("cat", a, "dirlink/sub/f.txt", "real/up", "abs/f.txt").out())
                .isEqualTo("through links\n".repeat(3));
        assertThat(Cli.run("get", a, "real/up", here.resolve("f").toString()).code()).isZero();
        assertThat(Files.readString(here.resolve("f"))).isEqualTo("through links\n");
        Cli.Result loop = Cli.run("cat", a, "loop", "dangling");
        assertThat(loop.code()).isEqualTo(1);
        assertThat(loop.stderr()).isEqualTo("ninep: cat: loop: Too many levels of symbolic links\n"
                + "ninep: cat: dangling: No such file or directory\n");
    }

    @Test
    void lsListsALinkToADirectoryGivenAsOperandButNotWithLongFormat() {
        assertThat(Cli.run("ls", a, "dirlink").out()).isEqualTo("sub\nup\n");
        assertThat(Cli.run("ls", "-l", a, "dirlink").out()).endsWith(" dirlink -> real\n");
        assertThat(Cli.run("ls", a, "dangling").out()).isEqualTo("dangling\n");
        assertThat(Cli.run("ls", a, "dirlink/sub").out()).isEqualTo("f.txt\n");
    }

    @Test
    void statDescribesTheLinkUnlessDereferenced() {
        assertThat(Cli.run("stat", a, "real/up").out()).contains("  File: real/up -> ../dirlink/sub/f.txt\n", "symbolic link\n");
        assertThat(Cli.run("stat", "-L", a, "real/up").out()).contains("  File: real/up\n", "  Size: 14 ", "regular file\n");
    }

    @Test
    void rmAndMvActOnTheLinkItself() {
        assertThat(Cli.run("rm", a, "dirlink").code()).isZero();
        assertThat(Files.exists(export.resolve("real/sub/f.txt"))).isTrue();
        assertThat(Cli.run("mv", a, "abs", "real/abs2").code()).isZero();
        assertThat(Files.isSymbolicLink(export.resolve("real/abs2"))).isTrue();
    }
}
