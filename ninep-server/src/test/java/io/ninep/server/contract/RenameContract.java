package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.server.spi.FileNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trenameat and Trename: POSIX rename(2) semantics, and nodes that follow their files. */
public interface RenameContract extends ContractSupport {

    @Test
    default void renameAtMovesANameWithinADirectory() throws Exception {
        FileNode f = file("a", "content");
        long path = f.qid().path();
        root().renameAt("a", root(), "b");
        assertErrno(() -> root().walk(List.of("a")), Errno.ENOENT);
        assertThat(walk("b").qid().path()).isEqualTo(path);
        assertThat(text(walk("b"))).isEqualTo("content");
        assertThat(attr(f).size()).as("a node follows its file").isEqualTo(7);
        assertThat(names(root())).containsExactly("b");
    }

    @Test
    default void renameAtMovesAcrossDirectories() throws Exception {
        FileNode x = dir("x");
        FileNode y = dir("y");
        file(x, "f", bytes("1"));
        FileNode sub = dir(x, "sub");
        file(sub, "g", bytes("2"));
        x.renameAt("f", y, "f");
        x.renameAt("sub", y, "moved");
        assertThat(names(x)).isEmpty();
        assertThat(names(y)).containsExactlyInAnyOrder("f", "moved");
        assertThat(text(walk("y", "moved", "g"))).isEqualTo("2");
        assertThat(attr(x).nlink()).isEqualTo(2);
        assertThat(attr(y).nlink()).isEqualTo(3);
    }

    @Test
    default void renameAtReplacesAFile() throws Exception {
        file("a", "new");
        FileNode old = file("b", "old");
        root().renameAt("a", root(), "b");
        assertThat(text(walk("b"))).isEqualTo("new");
        assertThat(names(root())).containsExactly("b");
        assertThat(attr(old).nlink()).isZero();
    }

    @Test
    default void renameAtReplacesAnEmptyDirectoryOnly() throws Exception {
        FileNode a = dir("a");
        file(a, "f", bytes("x"));
        dir("empty");
        FileNode full = dir("full");
        file(full, "g", bytes("y"));
        root().renameAt("a", root(), "empty");
        assertThat(names(walk("empty"))).containsExactly("f");
        assertErrno(() -> root().renameAt("empty", root(), "full"), Errno.ENOTEMPTY, Errno.EEXIST);
    }

    @Test
    default void renameAtRefusesMixingFilesAndDirectories() throws Exception {
        file("f", "x");
        dir("d");
        assertErrno(() -> root().renameAt("f", root(), "d"), Errno.EISDIR);
        assertErrno(() -> root().renameAt("d", root(), "f"), Errno.ENOTDIR);
    }

    @Test
    default void renameAtOfAMissingNameFailsWithEnoent() {
        assertErrno(() -> root().renameAt("missing", root(), "x"), Errno.ENOENT);
    }

    @Test
    default void aDirectoryCannotMoveIntoItself() throws Exception {
        FileNode a = dir("a");
        FileNode b = dir(a, "b");
        assertErrno(() -> root().renameAt("a", b, "a"), Errno.EINVAL);
        assertErrno(() -> root().renameAt("a", a, "x"), Errno.EINVAL);
    }

    @Test
    default void renameToTheSameNameIsANoOp() throws Exception {
        file("f", "x");
        root().renameAt("f", root(), "f");
        assertThat(text(walk("f"))).isEqualTo("x");
    }

    @Test
    default void renameMovesTheNodesFileWhereverItIsNow() throws Exception {
        FileNode x = dir("x");
        FileNode y = dir("y");
        FileNode f = file(x, "f", bytes("data"));
        f.rename(y, "g");
        assertThat(names(x)).isEmpty();
        assertThat(text(walk("y", "g"))).isEqualTo("data");
        // Moved by a name-based rename since: the node still knows where its file is.
        y.renameAt("g", x, "h");
        f.rename(root(), "top");
        assertThat(names(root())).contains("top");
        assertThat(names(x)).isEmpty();
        assertThat(walk("top").qid().path()).isEqualTo(f.qid().path());
    }

    @Test
    default void renameOfADirectoryTakesItsTree() throws Exception {
        FileNode d = dir("d");
        FileNode e = dir(d, "e");
        FileNode f = file(e, "f", bytes("deep"));
        d.rename(root(), "d2");
        assertThat(text(walk("d2", "e", "f"))).isEqualTo("deep");
        assertThat(attr(f).size()).isEqualTo(4);
        e.rename(root(), "e2");
        assertThat(text(walk("e2", "f"))).isEqualTo("deep");
    }

    @Test
    default void theRootCannotBeRenamedOrRemoved() throws Exception {
        FileNode d = dir("d");
        assertErrno(() -> root().rename(d, "root"), Errno.EBUSY, Errno.EINVAL, Errno.EACCES, Errno.EPERM);
        assertErrno(() -> root().remove(), Errno.EBUSY, Errno.EINVAL, Errno.EACCES, Errno.EPERM, Errno.ENOTEMPTY);
        assertThat(names(root())).containsExactly("d");
    }
}
