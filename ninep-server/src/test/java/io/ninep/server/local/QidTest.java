package io.ninep.server.local;

import io.ninep.protocol.testing.Prerequisites;
import static io.ninep.server.local.LocalTesting.walk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qid.path unique across the devices an export spans; qid.version follows changes made on the host too. */
class QidTest {
    @TempDir
    Path export;
    final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts.reversed()) {
            if (!run("umount", m.toString())) {
                run("umount", "-l", m.toString());
            }
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private boolean mountTmpfs(Path at) throws Exception {
        Files.createDirectory(at);
        boolean ok = run("mount", "-t", "tmpfs", "-o", "size=1m", "ninep-test", at.toString());
        if (ok) {
            mounts.add(at);
        }
        return ok;
    }

    private static long pathOf(FileNode from, String... names) throws Exception {
        FileNode n = walk(from, names);
        try {
            return n.qid().path();
        } finally {
            n.release();
        }
    }

    private static long ino(Path p) throws Exception {
        return (Long) Files.getAttribute(p, "unix:ino");
    }

    @Test
    void onTheExportsOwnDeviceQidPathIsTheInodeNumber() throws Exception {
        Files.writeString(export.resolve("f"), "x");
        try (LocalFileServer server = new LocalFileServer(export)) {
            FileNode root = server.attach(new Identity("root", 0), "");
            assertThat(root.qid().path()).isEqualTo(ino(export));
            assertThat(pathOf(root, "f")).isEqualTo(ino(export.resolve("f")));
            root.release();
        }
    }

    @Test
    void equalInodeNumbersOnTwoDevicesGiveDifferentQidPaths() throws Exception {
        Prerequisites.requireRoot("mounting tmpfs");
        Prerequisites.require(mountTmpfs(export.resolve("m1")) && mountTmpfs(export.resolve("m2")), "permission to mount tmpfs");
        Files.writeString(export.resolve("m1/f"), "one");
        Files.writeString(export.resolve("m2/f"), "two");
        // Two fresh tmpfs give their roots, and their first files, the same inode numbers.
        assertThat(ino(export.resolve("m1"))).isEqualTo(ino(export.resolve("m2")));
        assertThat(ino(export.resolve("m1/f"))).isEqualTo(ino(export.resolve("m2/f")));
        try (LocalFileServer server = new LocalFileServer(export)) {
            FileNode root = server.attach(new Identity("root", 0), "");
            long m1 = pathOf(root, "m1");
            long m2 = pathOf(root, "m2");
            long f1 = pathOf(root, "m1", "f");
            long f2 = pathOf(root, "m2", "f");
            assertThat(List.of(root.qid().path(), m1, m2, f1, f2)).doesNotHaveDuplicates();
            FileNode two = walk(root, "m2", "f");
            assertThat(LocalTesting.read(two)).isEqualTo("two");
            two.release();
            // Readdir sees the mounted directories, not the directories underneath.
            OpenFile dir = root.open(0);
            List<DirEntry> entries = new ArrayList<>();
            dir.readdir(0, (q, off, t, n) -> entries.add(new DirEntry(q, off, t, n)));
            dir.close();
            assertThat(entries).filteredOn(e -> e.name().equals("m1")).singleElement()
                    .extracting(e -> e.qid().path()).isEqualTo(m1);
            assertThat(entries).filteredOn(e -> e.name().equals("m2")).singleElement()
                    .extracting(e -> e.qid().path()).isEqualTo(m2);
            // ".." of a mounted directory is the export's root.
            assertThat(pathOf(root, "m1", "..")).isEqualTo(root.qid().path());
            root.release();
        }
    }

    @Test
    void versionFollowsChangesMadeOnTheHost() throws Exception {
        Path f = Files.writeString(export.resolve("f"), "abc");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        try (LocalFileServer server = new LocalFileServer(export)) {
            FileNode root = server.attach(new Identity("root", 0), "");
            FileNode node = walk(root, "f");
            Qid before = node.qid();
            Files.writeString(f, "abcd");
            assertThat(node.qid().version()).isNotEqualTo(before.version());
            Qid after = node.qid();
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_001L));
            assertThat(node.qid().version()).isNotEqualTo(after.version());
            assertThat(node.qid().path()).isEqualTo(before.path());
            node.release();
            root.release();
        }
    }
}
