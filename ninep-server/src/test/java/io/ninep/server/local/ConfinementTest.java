package io.ninep.server.local;

import static io.ninep.server.local.LocalTesting.assertErrno;
import static io.ninep.server.local.LocalTesting.walk;
import static io.ninep.server.local.LocalTesting.walkLength;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client cannot reach outside the export: not by "..", not through names holding '/', not
 * through symbolic links planted in the tree (absolute, relative, to files, to directories), not
 * by swapping a directory for a symbolic link between the walk and the use of a fid, and not
 * through an aname.
 */
class ConfinementTest {
    @TempDir
    Path base;
    Path export;
    Path outside;
    List<String> outsideBefore;
    LocalFileServer server;
    FileNode root;

    @BeforeEach
    void setUp() throws Exception {
        export = Files.createDirectory(base.resolve("export"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "outside secret");
        Files.createDirectory(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/f"), "outside f");
        LocalTesting.chmod(outside.resolve("secret"), "rw-r-----");
        outsideBefore = LocalTesting.snapshot(outside);
        server = new LocalFileServer(export);
        root = server.attach(new Identity("root", 0), "");
    }

    @AfterEach
    void tearDown() throws Exception {
        root.release();
        server.close();
        Files.deleteIfExists(export.resolve("proc"));
        assertThat(LocalTesting.snapshot(outside)).as("nothing outside the export changed").isEqualTo(outsideBefore);
    }

    @Test
    void dotDotNeverLeavesTheRoot() throws Exception {
        long rootPath = root.qid().path();
        List<FileNode> nodes = root.walk(List.of("..", "..", "outside"));
        assertThat(nodes).hasSize(2);
        for (FileNode n : nodes) {
            assertThat(n.qid().path()).isEqualTo(rootPath);
            n.release();
        }
        assertThat(walkLength(root, "..", "outside", "secret")).isEqualTo(1);
    }

    @Test
    void namesWithSlashesOrDotsAreRefusedEverywhere() throws Exception {
        Files.createDirectory(export.resolve("d"));
        FileNode d = walk(root, "d");
        for (String bad : List.of("../outside", "../outside/secret", "a/b", "/", ".", "..", "", "x\0y")) {
            if (!bad.equals("..")) {
                assertErrno(() -> root.walk(List.of(bad)), Errno.EINVAL, Errno.ENOENT);
            }
            assertErrno(() -> root.create(bad, 2, 0644, 0), Errno.EINVAL);
            assertErrno(() -> root.mkdir(bad, 0755, 0), Errno.EINVAL);
            assertErrno(() -> root.symlink(bad, "x", 0), Errno.EINVAL);
            assertErrno(() -> root.mknod(bad, LinuxFileMode.S_IFIFO | 0644, 0, 0, 0), Errno.EINVAL);
            assertErrno(() -> root.link(bad, d), Errno.EINVAL);
            assertErrno(() -> root.renameAt("d", root, bad), Errno.EINVAL);
            assertErrno(() -> root.renameAt(bad, root, "e"), Errno.EINVAL);
            assertErrno(() -> root.unlinkAt(bad, 0), Errno.EINVAL);
            assertErrno(() -> d.rename(root, bad), Errno.EINVAL);
        }
        d.release();
        assertThat(Files.list(export).map(p -> p.getFileName().toString()).toList()).containsExactly("d");
    }

    @Test
    void plantedSymlinksAreNeverFollowed() throws Exception {
        Files.createSymbolicLink(export.resolve("abs"), outside);
        Files.createSymbolicLink(export.resolve("rel"), Path.of("../outside"));
        Files.createSymbolicLink(export.resolve("file"), outside.resolve("secret"));
        Files.createSymbolicLink(export.resolve("proc"), Path.of("/proc/self/root"));
        for (String link : List.of("abs", "rel", "proc")) {
            assertThat(walkLength(root, link, "secret")).as(link).isEqualTo(1);
            assertThat(walkLength(root, link, "dir", "f")).as(link).isEqualTo(1);
            FileNode n = walk(root, link);
            assertThat(n.qid().type()).isEqualTo(Qid.SYMLINK);
            assertErrno(() -> n.walk(List.of("secret")), Errno.ENOTDIR);
            assertErrno(() -> n.open(0), Errno.ELOOP);
            assertErrno(() -> n.create("planted", 2, 0644, 0), Errno.ENOTDIR);
            assertErrno(() -> n.mkdir("planted", 0755, 0), Errno.ENOTDIR);
            assertErrno(() -> n.symlink("planted", "x", 0), Errno.ENOTDIR);
            assertErrno(() -> n.unlinkAt("secret", 0), Errno.ENOTDIR);
            assertErrno(() -> n.renameAt("secret", root, "stolen"), Errno.ENOTDIR);
            assertErrno(() -> n.setattr(new SetAttr(SetAttr.MODE, 0777, 0, 0, 0, 0, 0, 0, 0)),
                    Errno.EOPNOTSUPP, Errno.EPERM);
            assertErrno(() -> n.setxattr("user.x", new byte[] {1}, 0), Errno.EPERM);
            assertErrno(() -> n.getxattr("user.x"), Errno.ENODATA);
            n.release();
        }
        FileNode f = walk(root, "file");
        assertErrno(() -> f.open(0), Errno.ELOOP);
        assertErrno(() -> f.open(2), Errno.ELOOP);
        assertErrno(() -> f.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 0, 0, 0, 0, 0)), Errno.EINVAL);
        assertErrno(() -> f.setattr(new SetAttr(SetAttr.MODE, 0666, 0, 0, 0, 0, 0, 0, 0)), Errno.EOPNOTSUPP);
        // These act on the link itself, as lchown and lutimes do.
        f.setattr(new SetAttr(SetAttr.UID | SetAttr.GID, 0, 1234, 1234, 0, 0, 0, 0, 0));
        f.setattr(new SetAttr(SetAttr.MTIME | SetAttr.MTIME_SET, 0, 0, 0, 0, 0, 0, 1_000_000_000L, 0));
        assertThat(Files.getAttribute(export.resolve("file"), "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(1234);
        // A hard link to a symbolic link links the link, not its target.
        root.link("hard", f);
        assertThat(Files.isSymbolicLink(export.resolve("hard"))).isTrue();
        f.release();
        // Creating over a planted link fails rather than writing through it.
        assertErrno(() -> root.create("file", 2, 0644, 0), Errno.EEXIST, Errno.ELOOP);
        assertErrno(() -> root.create("file", 2 | 0200, 0644, 0), Errno.EEXIST);
        assertErrno(() -> root.mkdir("abs", 0755, 0), Errno.EEXIST);
    }

    @Test
    void aDirectorySwappedForASymlinkAfterTheWalkCannotRedirectTheFid() throws Exception {
        Path d = Files.createDirectory(export.resolve("d"));
        Files.writeString(d.resolve("f"), "inside f");
        FileNode dir = walk(root, "d");
        FileNode file = walk(root, "d", "f");
        // The race, driven by hand: d becomes a link to outside between the walk and the use.
        Files.move(d, export.resolve("d.real"));
        Files.createSymbolicLink(d, outside.resolve("dir"));

        assertErrno(() -> dir.walk(List.of("secret")), Errno.ENOENT);
        assertThat(walk(dir, "f").qid().path()).isEqualTo(file.qid().path());
        dir.create("made", 2, 0644, 0).file().close();
        dir.mkdir("madedir", 0755, 0);
        assertThat(Files.exists(export.resolve("d.real/made"))).isTrue();
        assertThat(Files.exists(export.resolve("d.real/madedir"))).isTrue();
        assertThat(LocalTesting.read(file)).isEqualTo("inside f");
        assertThat(walk(dir, "..").qid().path()).isEqualTo(root.qid().path());
        // Tremove and Trename find the file where it really is, never through the planted link.
        file.rename(dir, "renamed");
        assertThat(Files.readString(export.resolve("d.real/renamed"))).isEqualTo("inside f");
        file.remove();
        assertThat(Files.exists(export.resolve("d.real/renamed"))).isFalse();
        // A fresh walk meets the link and stops there.
        assertThat(walkLength(root, "d", "f")).isEqualTo(1);
        dir.release();
        file.release();
    }

    @Test
    void aDirectoryMovedOutOfTheExportHasNoParentAnyMore() throws Exception {
        Path m = Files.createDirectory(export.resolve("m"));
        Files.writeString(m.resolve("f"), "x");
        FileNode node = walk(root, "m");
        FileNode f = walk(node, "f");
        Path away = base.resolve("away");
        Files.move(m, away);
        assertErrno(() -> node.walk(List.of("..")), Errno.ENOENT);
        assertErrno(node::remove, Errno.ENOENT);
        assertErrno(() -> f.rename(root, "back"), Errno.ENOENT);
        assertThat(Files.exists(away.resolve("f"))).isTrue();
        node.release();
        f.release();
    }

    @Test
    void anAnameIsConfinedLikeAWalk() throws Exception {
        Path sub = Files.createDirectories(export.resolve("sub/inner")).getParent();
        Files.createSymbolicLink(export.resolve("link"), sub);
        FileNode s = server.attach(new Identity("root", 0), "sub");
        assertThat(walk(s, "..").qid().path()).isEqualTo(s.qid().path());
        assertThat(walk(s, "inner", "..", "..").qid().path()).isEqualTo(s.qid().path());
        assertThat(walkLength(s, "..", "sub")).isEqualTo(1);
        assertErrno(s::remove, Errno.EBUSY);
        s.release();
        FileNode byPath = server.attach(new Identity("root", 0), export + "/sub/inner");
        assertThat(byPath.qid().path()).isEqualTo((long) (Long) Files.getAttribute(sub.resolve("inner"), "unix:ino"));
        byPath.release();
        FileNode whole = server.attach(new Identity("root", 0), export.toString());
        assertThat(whole.qid().path()).isEqualTo(root.qid().path());
        whole.release();
        assertErrno(() -> server.attach(new Identity("root", 0), "../outside"), Errno.ENOENT);
        assertErrno(() -> server.attach(new Identity("root", 0), "sub/../../outside"), Errno.ENOENT);
        assertErrno(() -> server.attach(new Identity("root", 0), outside.toString()), Errno.ENOENT);
        assertErrno(() -> server.attach(new Identity("root", 0), "link"), Errno.ELOOP);
        assertErrno(() -> server.attach(new Identity("root", 0), "missing"), Errno.ENOENT);
    }

    @Test
    void aFileUnlinkedOnTheHostStaysUsableThroughItsFid() throws Exception {
        Files.writeString(export.resolve("f"), "content");
        FileNode f = walk(root, "f");
        Files.delete(export.resolve("f"));
        assertThat(f.getattr(0x3fff).nlink()).isZero();
        assertThat(LocalTesting.read(f)).isEqualTo("content");
        var o = f.open(2);
        o.write(7, ByteBuffer.wrap("!".getBytes()));
        o.close();
        assertThat(LocalTesting.read(f)).isEqualTo("content!");
        assertErrno(f::remove, Errno.ENOENT);
        f.release();
    }
}
