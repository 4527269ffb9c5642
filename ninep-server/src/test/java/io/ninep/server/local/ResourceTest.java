package io.ninep.server.local;

import static io.ninep.server.local.LocalTesting.walk;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptors come back: every node, open file and failed operation leaves the descriptor count where it was. */
class ResourceTest {
    @TempDir
    Path export;

    private static long openDescriptors() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void nothingLeaksDescriptors() throws Exception {
        Files.createDirectories(export.resolve("a/b"));
        Files.writeString(export.resolve("a/b/f"), "x");
        long before = openDescriptors();
        LocalFileServer server = new LocalFileServer(export);
        FileNode root = server.attach(new Identity("root", 0), "");
        for (int i = 0; i < 50; i++) {
            List<FileNode> nodes = root.walk(List.of("a", "b", "f"));
            nodes.forEach(FileNode::release);
            root.walk(List.of("a", "missing")).forEach(FileNode::release);
            try {
                root.walk(List.of("missing"));
            } catch (java.io.IOException expected) {
                // fine
            }
            FileNode dup = root.duplicate();
            FileNode up = walk(dup, "a", "b", "..");
            up.release();
            dup.release();
            Created c = root.create("n" + i, 2, 0644, 0);
            c.file().write(0, ByteBuffer.wrap(new byte[] {1}));
            c.file().close();
            c.node().rename(root, "m" + i);
            c.node().getattr(Attr.ALL);
            c.node().remove();
            c.node().release();
            try {
                root.create("a", 2 | 0200, 0644, 0);
            } catch (java.io.IOException expected) {
                // EEXIST
            }
            root.mkdir("d" + i, 0755, 0);
            root.symlink("l" + i, "x", 0);
            root.unlinkAt("d" + i, Tunlinkat.AT_REMOVEDIR);
            root.unlinkAt("l" + i, 0);
            OpenFile dir = root.open(0);
            dir.readdir(0, (q, o, t, n) -> true);
            dir.close();
            FileNode f = walk(root, "a", "b", "f");
            OpenFile o = f.open(0);
            o.read(0, ByteBuffer.allocate(10));
            o.close();
            try {
                f.getxattr("user.none");
            } catch (java.io.IOException expected) {
                // ENODATA
            }
            f.release();
        }
        root.release();
        server.close();
        assertThat(openDescriptors()).isEqualTo(before);
    }
}
