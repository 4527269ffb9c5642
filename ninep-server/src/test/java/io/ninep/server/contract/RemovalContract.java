package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.server.spi.FileNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tunlinkat (with and without AT_REMOVEDIR) and Tremove. */
public interface RemovalContract extends ContractSupport {

    @Test
    default void unlinkAtRemovesFilesLinksAndSpecialFiles() throws Exception {
        file("f", "x");
        root().symlink("l", "f", gid());
        root().mknod("p", LinuxFileMode.S_IFIFO | 0600, 0, 0, gid());
        root().unlinkAt("f", 0);
        root().unlinkAt("l", 0);
        root().unlinkAt("p", 0);
        assertThat(names(root())).isEmpty();
        assertErrno(() -> root().walk(List.of("f")), Errno.ENOENT);
    }

    @Test
    default void unlinkAtOfADirectoryNeedsRemoveDir() throws Exception {
        FileNode d = dir("d");
        assertErrno(() -> root().unlinkAt("d", 0), Errno.EISDIR, Errno.EPERM);
        file(d, "f", bytes("x"));
        assertErrno(() -> root().unlinkAt("d", AT_REMOVEDIR), Errno.ENOTEMPTY, Errno.EEXIST);
        d.unlinkAt("f", 0);
        root().unlinkAt("d", AT_REMOVEDIR);
        assertThat(names(root())).isEmpty();
        assertThat(attr(root()).nlink()).isEqualTo(2);
    }

    @Test
    default void removeDirOfAFileFailsWithEnotdir() throws Exception {
        file("f", "x");
        assertErrno(() -> root().unlinkAt("f", AT_REMOVEDIR), Errno.ENOTDIR);
        assertThat(names(root())).containsExactly("f");
    }

    @Test
    default void unlinkAtOfAMissingNameFailsWithEnoent() throws Exception {
        assertErrno(() -> root().unlinkAt("missing", 0), Errno.ENOENT);
        assertErrno(() -> root().unlinkAt("missing", AT_REMOVEDIR), Errno.ENOENT);
        FileNode f = file("f", "x");
        assertErrno(() -> f.unlinkAt("x", 0), Errno.ENOTDIR);
    }

    @Test
    default void removeTakesTheNodesFile() throws Exception {
        FileNode f = file("f", "x");
        FileNode d = dir("d");
        f.remove();
        d.remove();
        assertThat(names(root())).isEmpty();
    }

    @Test
    default void removeOfANonEmptyDirectoryFails() throws Exception {
        FileNode d = dir("d");
        file(d, "f", bytes("x"));
        assertErrno(d::remove, Errno.ENOTEMPTY, Errno.EEXIST);
        assertThat(names(root())).containsExactly("d");
    }

    @Test
    default void removeFollowsTheFileAfterARename() throws Exception {
        FileNode d = dir("d");
        FileNode f = file(d, "f", bytes("x"));
        d.renameAt("f", root(), "g");
        file(d, "f", bytes("another file, same old name"));
        f.remove();
        assertThat(names(root())).containsExactly("d");
        assertThat(names(d)).containsExactly("f");
        assertErrno(f::remove, Errno.ENOENT);
    }
}
