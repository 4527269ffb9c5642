package io.ninep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.server.memory.MemoryDirectory;
import io.ninep.server.memory.MemoryFileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ninep tree} against ninep's server with a tree in memory. */
@Timeout(60)
class TreeCommandTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        MemoryDirectory root = fs.root();
        root.file("README", "read me\n");
        MemoryDirectory docs = root.directory("docs");
        docs.file("a.txt", "a");
        docs.file(".hidden", "h");
        MemoryDirectory sub = docs.directory("sub");
        sub.file("deep.txt", "d");
        root.directory("empty");
        root.symlink("link", "docs/a.txt");
        root.directory("private").chmod(0700);
        server = new TestServer(fs);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void drawsTheTreeAsTreeDoes() {
        Cli.Result r = Cli.run("tree", server.address());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).isEqualTo("""
                /
                ├── README
                ├── docs
                │   ├── a.txt
                │   └── sub
                │       └── deep.txt
                ├── empty
                ├── link -> docs/a.txt
                └── private

                4 directories, 4 files
                """);
    }

    @Test
    void optionsAllDirectoriesOnlyAndLevel() {
        assertThat(Cli.run("tree", "-a", server.address(), "docs").out()).isEqualTo("""
                docs
                ├── .hidden
                ├── a.txt
                └── sub
                    └── deep.txt

                1 directory, 3 files
                """);
        assertThat(Cli.run("tree", "-d", server.address()).out()).isEqualTo("""
                /
                ├── docs
                │   └── sub
                ├── empty
                └── private

                4 directories
                """);
        assertThat(Cli.run("tree", "-L", "1", "--dialect", "9P2000.u", server.address()).out()).isEqualTo("""
                /
                ├── README
                ├── docs
                ├── empty
                ├── link -> docs/a.txt
                └── private

                3 directories, 2 files
                """);
    }

    @Test
    void aDirectoryThatCannotBeReadIsMarkedAndReported() {
        Cli.Result r = Cli.run("tree", "--uname", "nobody", "--n-uname", "65534", server.address());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("└── private [error opening dir]\n", "\n4 directories, 4 files\n");
        assertThat(r.stderr()).isEqualTo("ninep: tree: cannot open directory '/private': Permission denied\n");
        Cli.Result missing = Cli.run("tree", server.address(), "/nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("ninep: tree: cannot open directory '/nope': No such file or directory\n");
    }
}
