package io.ninep.it.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.WireString;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Symbolic and hard links, real paths, and names that are not UTF-8. */
interface NioLinksContract extends NioFixture {

    private boolean hasLinks() {
        return dialect() != Dialect.P9P2000;
    }

    @Test
    default void symbolicLinksAreMadeReadAndFollowedByTheClient() throws IOException {
        if (!hasLinks()) {
            return;
        }
        Files.createDirectories(local().resolve("real/deep"));
        Files.writeString(local().resolve("real/deep/file"), "through the link");
        Path link = dir().resolve("link");
        Files.createSymbolicLink(link, fs().getPath("real/deep"));
        assertThat(Files.readSymbolicLink(local().resolve("link"))).hasToString("real/deep");
        assertThat(Files.readString(link.resolve("file"))).isEqualTo("through the link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isDirectory(link)).isTrue();
        assertThat(Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()).isTrue();
        // Links made on the host: relative ones, chains, and ".." after a link (the target's parent).
        Files.createSymbolicLink(local().resolve("up"), Path.of("link/.."));
        Files.createSymbolicLink(local().resolve("chain"), Path.of("up/deep/file"));
        assertThat(Files.readString(dir().resolve("chain"))).isEqualTo("through the link");
        assertThat(dir().resolve("chain").toRealPath()).isEqualTo(dir().resolve("real/deep/file"));
        assertThat(dir().resolve("link/../deep/file").toRealPath()).isEqualTo(dir().resolve("real/deep/file"));
        assertThat(dir().resolve("./link/./file").toRealPath(LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(dir().resolve("link/file"));
        // An absolute target is a path of this file system, from the root of the tree.
        Files.createSymbolicLink(local().resolve("abs"), Path.of(dir().resolve("real/deep/file").toString()));
        assertThat(Files.readString(dir().resolve("abs"))).isEqualTo("through the link");
        // Writing through a link writes the target.
        Files.writeString(dir().resolve("abs"), "changed");
        assertThat(Files.readString(local().resolve("real/deep/file"))).isEqualTo("changed");
        assertThat(Files.isSymbolicLink(local().resolve("abs"))).isTrue();
        try (var s = Files.newDirectoryStream(dir().resolve("link"))) {
            assertThat(s.iterator().next()).isEqualTo(dir().resolve("link/file"));
        }
    }

    @Test
    default void danglingLinksAndLoops() throws IOException {
        if (!hasLinks()) {
            return;
        }
        Path dangling = dir().resolve("dangling");
        Files.createSymbolicLink(dangling, fs().getPath("missing-target"));
        assertThat(Files.exists(dangling)).isFalse();
        assertThat(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThatThrownBy(() -> Files.readString(dangling)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(dangling.toString());
        // Creating through a dangling link creates its target, as open(2) with O_CREAT does.
        Files.writeString(dangling, "made", StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        assertThat(Files.readString(local().resolve("missing-target"))).isEqualTo("made");
        assertThatThrownBy(() -> Files.writeString(dangling, "x", StandardOpenOption.CREATE_NEW))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Files.newByteChannel(dangling, LinkOption.NOFOLLOW_LINKS))
                .isInstanceOf(java.nio.file.FileSystemException.class);
        Files.createSymbolicLink(local().resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(local().resolve("loop2"), Path.of("loop1"));
        assertThatThrownBy(() -> Files.readString(dir().resolve("loop1")))
                .isInstanceOf(FileSystemLoopException.class).hasMessage(dir().resolve("loop1").toString());
        assertThatThrownBy(() -> Files.readSymbolicLink(dir().resolve("missing-target")))
                .isInstanceOf(NotLinkException.class);
        // Deleting and moving a link touch the link, never its target.
        Files.move(dangling, dir().resolve("renamed"));
        assertThat(Files.readSymbolicLink(local().resolve("renamed"))).hasToString("missing-target");
        Files.delete(dir().resolve("renamed"));
        assertThat(local().resolve("renamed")).doesNotExist();
        assertThat(local().resolve("missing-target")).exists();
        Files.copy(dir().resolve("loop1"), dir().resolve("loop3"), LinkOption.NOFOLLOW_LINKS);
        assertThat(Files.readSymbolicLink(local().resolve("loop3"))).hasToString("loop2");
        Files.copy(dir().resolve("loop3"), dir().resolve("loop4"), LinkOption.NOFOLLOW_LINKS,
                StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(Files.isSymbolicLink(local().resolve("loop4"))).isTrue();
    }

    @Test
    default void hardLinksShareTheFile() throws IOException {
        if (!hasLinks()) {
            return;
        }
        Files.writeString(local().resolve("orig"), "shared");
        Files.createLink(dir().resolve("second"), dir().resolve("orig"));
        assertThat(Files.isSameFile(dir().resolve("second"), dir().resolve("orig"))).isTrue();
        assertThat(Files.isSameFile(local().resolve("second"), local().resolve("orig"))).isTrue();
        assertThat(Files.getAttribute(local().resolve("orig"), "unix:nlink")).isEqualTo(2);
        if (dialect() == Dialect.P9P2000_L) {
            assertThat(Files.getAttribute(dir().resolve("orig"), "ninep:nlink")).isEqualTo(2L);
        }
        assertThatThrownBy(() -> Files.createLink(dir().resolve("second"), dir().resolve("orig")))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    default void namesThatAreNotUtf8RoundTrip() throws Exception {
        byte[] raw = {'b', 'a', 'd', (byte) 0xFF, (byte) 0xC3, '-', (byte) 0xE9};   // Latin-1 é, stray bytes
        Path p = dir().resolve(fs().getPath(raw));
        Files.writeString(p, "bytes");
        assertThat(hostNames(local())).contains(bytes(raw));
        // Made on the host: listed, opened and renamed through 9P with the same bytes.
        byte[] hostMade = {'h', (byte) 0x80, (byte) 0xFE};
        run("sh", "-c", "printf x > \"$1\"/\"$(printf 'h\\200\\376')\"", "sh", local().toString());
        List<Path> listed = new ArrayList<>();
        try (var s = Files.newDirectoryStream(dir(), "h*")) {
            s.forEach(listed::add);
        }
        assertThat(listed).hasSize(1);
        Path h = listed.getFirst();
        assertThat(fs().toBytes(h.getFileName())).isEqualTo(hostMade);
        assertThat(h.getFileName().toString()).isEqualTo("h\uDC80\uDCFE");
        assertThat(Files.readString(h)).isEqualTo("x");
        Files.move(h, dir().resolve(WireString.fromBytes(new byte[] {'m', (byte) 0x81})));
        assertThat(hostNames(local())).contains(bytes(new byte[] {'m', (byte) 0x81}));
        assertThat(p.toUri().getRawPath()).endsWith("/bad%FF%C3-%E9");
        assertThat(Path.of(p.toUri())).isEqualTo(p);
    }

    /** The raw names in a directory of this machine, as `ls` prints their bytes. */
    private static List<List<Byte>> hostNames(Path dir) throws Exception {
        byte[] out = run("ls", "-1a", "--quoting-style=literal", dir.toString());
        List<List<Byte>> names = new ArrayList<>();
        List<Byte> cur = new ArrayList<>();
        for (byte b : out) {
            if (b == '\n') {
                names.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(b);
            }
        }
        return names;
    }

    private static List<Byte> bytes(byte[] b) {
        List<Byte> l = new ArrayList<>();
        for (byte x : b) {
            l.add(x);
        }
        return l;
    }

    private static byte[] run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, UTF_8)).isZero();
        return out;
    }
}
