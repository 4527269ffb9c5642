package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that change files, in 9P2000.u and 9P2000: Tcreate instead of Tlcreate and
 * Tmkdir, Twstat renames instead of Trenameat, Tremove instead of Tunlinkat.
 */
@Timeout(60)
class ClassicDialectsTest {
    @TempDir
    Path export;
    @TempDir
    Path here;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectory(export.resolve("docs"));
        Files.writeString(export.resolve("docs/a.txt"), "hello\n");
        server = TestServer.exporting(export);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Cli.Result ninep(String dialect, String command, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = command;
        all[1] = "--dialect";
        all[2] = dialect;
        all[3] = server.address();
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.run(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9P2000.u", "9P2000"})
    void putGetMkdirMvRm(String dialect) throws IOException {
        byte[] data = new byte[200_000];
        new Random(9).nextBytes(data);
        Path src = here.resolve("data.bin");
        Files.write(src, data);
        Cli.Result put = ninep(dialect, "put", "--msize", "8k", src.toString(), "docs/");
        assertThat(put.code()).as(put.describe()).isZero();
        assertThat(Files.readAllBytes(export.resolve("docs/data.bin"))).isEqualTo(data);
        Files.writeString(src, "shorter");
        Cli.Result replace = ninep(dialect, "put", "-f", src.toString(), "docs/data.bin");
        assertThat(replace.code()).as(replace.describe()).isZero();
        assertThat(Files.readString(export.resolve("docs/data.bin"))).isEqualTo("shorter");
        try (var s = Files.list(export.resolve("docs"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("a.txt", "data.bin");
        }
        Cli.Result get = ninep(dialect, "get", "docs/a.txt", here.toString());
        assertThat(get.code()).as(get.describe()).isZero();
        assertThat(Files.readString(here.resolve("a.txt"))).isEqualTo("hello\n");

        assertThat(ninep(dialect, "mkdir", "-p", "x/y").code()).isZero();
        assertThat(Files.isDirectory(export.resolve("x/y"))).isTrue();
        Cli.Result mv = ninep(dialect, "mv", "docs/data.bin", "docs/renamed.bin");
        assertThat(mv.code()).as(mv.describe()).isZero();
        assertThat(Files.readString(export.resolve("docs/renamed.bin"))).isEqualTo("shorter");
        Cli.Result rm = ninep(dialect, "rm", "-r", "x", "docs/renamed.bin");
        assertThat(rm.code()).as(rm.describe()).isZero();
        assertThat(Files.exists(export.resolve("x"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(export.resolve("docs/renamed.bin"))).isFalse();
        Cli.Result dir = ninep(dialect, "rm", "docs");
        assertThat(dir.stderr()).isEqualTo("ninep: rm: cannot remove 'docs': Is a directory\n");
    }
}
