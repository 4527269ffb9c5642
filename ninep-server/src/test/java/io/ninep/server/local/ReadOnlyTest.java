package io.ninep.server.local;

import static io.ninep.server.local.LocalTesting.assertErrno;
import static io.ninep.server.local.LocalTesting.walk;
import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import io.ninep.server.spi.OpenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only export refuses every change with EROFS and serves everything else. */
class ReadOnlyTest {
    @TempDir
    Path export;

    @Test
    void everyChangeIsRefusedWithErofs() throws Exception {
        Files.createDirectory(export.resolve("d"));
        Files.writeString(export.resolve("d/f"), "content");
        Files.createSymbolicLink(export.resolve("l"), Path.of("d/f"));
        List<String> before = LocalTesting.snapshot(export);
        try (LocalFileServer server = new LocalFileServer(export, true)) {
            assertThat(server.isReadOnly()).isTrue();
            FileNode root = server.attach(new Identity("root", 0), "");
            FileNode d = walk(root, "d");
            FileNode f = walk(d, "f");
            List<LocalTesting.Failing> changes = new ArrayList<>(List.of(
                    () -> d.create("new", LinuxOpenFlags.O_RDWR, 0644, 0),
                    () -> d.mkdir("new", 0755, 0),
                    () -> d.symlink("new", "f", 0),
                    () -> d.mknod("new", LinuxFileMode.S_IFIFO | 0644, 0, 0, 0),
                    () -> d.link("new", f),
                    () -> d.renameAt("f", d, "g"),
                    () -> f.rename(root, "g"),
                    () -> d.unlinkAt("f", 0),
                    () -> root.unlinkAt("d", Tunlinkat.AT_REMOVEDIR),
                    () -> f.remove(),
                    () -> f.open(LinuxOpenFlags.O_WRONLY),
                    () -> f.open(LinuxOpenFlags.O_RDWR),
                    () -> f.open(LinuxOpenFlags.O_RDONLY | LinuxOpenFlags.O_TRUNC),
                    () -> f.setxattr("user.x", new byte[] {1}, 0),
                    () -> f.removexattr("user.x")));
            for (int bit : new int[] {SetAttr.MODE, SetAttr.UID, SetAttr.GID, SetAttr.SIZE, SetAttr.ATIME, SetAttr.MTIME,
                    SetAttr.MTIME | SetAttr.MTIME_SET}) {
                changes.add(() -> f.setattr(new SetAttr(bit, 0600, 0, 0, 0, 0, 0, 0, 0)));
            }
            for (LocalTesting.Failing change : changes) {
                assertErrno(change, Errno.EROFS);
            }
            // Reads, walks, attributes, listings and locks still work.
            assertThat(LocalTesting.read(f)).isEqualTo("content");
            assertThat(f.getattr(Attr.ALL).size()).isEqualTo(7);
            assertThat(walk(root, "l").readlink()).isEqualTo("d/f");
            assertThat(root.statfs().bsize()).isPositive();
            assertErrno(() -> f.getxattr("user.none"), Errno.ENODATA);
            OpenFile dir = d.open(LinuxOpenFlags.O_RDONLY);
            List<String> names = new ArrayList<>();
            dir.readdir(0, (q, o, t, n) -> names.add(n));
            dir.close();
            assertThat(names).containsExactly(".", "..", "f");
            OpenFile r = f.open(LinuxOpenFlags.O_RDONLY);
            assertThat(r.lock(new LockRequest(0, 0, 0, 0, 1, "c"))).isEqualTo(LockStatus.SUCCESS);
            r.fsync(false);
            r.close();
            f.setattr(new SetAttr(0, 0, 0, 0, 0, 0, 0, 0, 0));
            f.release();
            d.release();
            root.release();
        }
        assertThat(LocalTesting.snapshot(export)).isEqualTo(before);
    }
}
