package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.server.spi.FileNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tattach and Twalk. */
public interface WalkContract extends ContractSupport {

    @Test
    default void attachGivesTheRootDirectory() throws Exception {
        Qid q = root().qid();
        assertThat(q.isDirectory()).isTrue();
        Attr a = attr(root());
        assertThat(LinuxFileMode.isDirectory(a.mode())).isTrue();
        assertThat(a.qid().path()).isEqualTo(q.path());
        assertThat(a.qid().type()).isEqualTo(Qid.DIR);
    }

    @Test
    default void walkGivesOneNodePerNameWithTheirQids() throws Exception {
        FileNode a = dir("a");
        FileNode b = dir(a, "b");
        FileNode f = file(b, "f", bytes("x"));
        List<FileNode> nodes = root().walk(List.of("a", "b", "f"));
        nodes.forEach(this::hold);
        assertThat(nodes).hasSize(3);
        assertThat(nodes.get(0).qid().path()).isEqualTo(a.qid().path());
        assertThat(nodes.get(1).qid().path()).isEqualTo(b.qid().path());
        assertThat(nodes.get(2).qid().path()).isEqualTo(f.qid().path());
        assertThat(nodes.get(0).qid().type()).isEqualTo(Qid.DIR);
        assertThat(nodes.get(2).qid().type()).isEqualTo(Qid.FILE);
    }

    @Test
    default void walkOfSixteenNames() throws Exception {
        FileNode d = root();
        String[] names = new String[16];
        for (int i = 0; i < 16; i++) {
            names[i] = "d" + i;
            d = dir(d, names[i]);
        }
        assertThat(walk(names).qid().path()).isEqualTo(d.qid().path());
    }

    @Test
    default void aMissingFirstNameFailsWithEnoent() {
        assertErrno(() -> root().walk(List.of("missing")), Errno.ENOENT);
        assertErrno(() -> root().walk(List.of("missing", "x")), Errno.ENOENT);
    }

    @Test
    default void aMissingLaterNameGivesTheShorterWalk() throws Exception {
        dir("a");
        List<FileNode> nodes = root().walk(List.of("a", "missing", "x"));
        nodes.forEach(this::hold);
        assertThat(nodes).hasSize(1);
    }

    @Test
    default void walkingThroughAFileFailsWithEnotdir() throws Exception {
        FileNode f = file("f", "x");
        assertErrno(() -> f.walk(List.of("x")), Errno.ENOTDIR);
        List<FileNode> nodes = root().walk(List.of("f", "x"));
        nodes.forEach(this::hold);
        assertThat(nodes).hasSize(1);
    }

    @Test
    default void dotDotAtTheRootStaysAtTheRoot() throws Exception {
        long rootPath = root().qid().path();
        assertThat(walk("..").qid().path()).isEqualTo(rootPath);
        assertThat(walk("..", "..", "..").qid().path()).isEqualTo(rootPath);
        FileNode a = dir("a");
        assertThat(walk("..", "a").qid().path()).isEqualTo(a.qid().path());
        assertThat(walk("a", "..", "..").qid().path()).isEqualTo(rootPath);
    }

    @Test
    default void dotDotGoesToTheParent() throws Exception {
        FileNode a = dir("a");
        FileNode b = dir(a, "b");
        dir(b, "c");
        assertThat(walk("a", "b", "c", "..").qid().path()).isEqualTo(b.qid().path());
        assertThat(walk(b, "..").qid().path()).isEqualTo(a.qid().path());
        assertThat(walk(b, "..", "..").qid().path()).isEqualTo(root().qid().path());
    }

    @Test
    default void dotDotFollowsARenamedDirectory() throws Exception {
        FileNode a = dir("a");
        FileNode x = dir("x");
        FileNode b = dir(a, "b");
        a.renameAt("b", x, "b");
        assertThat(walk(b, "..").qid().path()).isEqualTo(x.qid().path());
    }

    @Test
    default void duplicateIsAnotherNodeForTheSameFile() throws Exception {
        FileNode f = file("f", "data");
        FileNode copy = f.duplicate();
        assertThat(copy.qid().path()).isEqualTo(f.qid().path());
        copy.release();
        assertThat(attr(f).size()).isEqualTo(4);
        FileNode rootCopy = hold(root().duplicate());
        assertThat(walk(rootCopy, "f").qid().path()).isEqualTo(f.qid().path());
    }

    @Test
    default void walkRefusesNamesThatAreNotOneEntry() throws Exception {
        FileNode a = dir("a");
        file(a, "f", bytes("x"));
        assertErrno(() -> root().walk(List.of("a/f")), Errno.EINVAL, Errno.ENOENT);
        assertErrno(() -> root().walk(List.of("")), Errno.EINVAL, Errno.ENOENT);
        assertErrno(() -> root().walk(List.of("a\0f")), Errno.EINVAL, Errno.ENOENT);
    }

    @Test
    default void walkDoesNotFollowSymbolicLinks() throws Exception {
        FileNode a = dir("a");
        file(a, "f", bytes("x"));
        root().symlink("link", "a", gid());
        FileNode link = walk("link");
        assertThat(link.qid().type()).isEqualTo(Qid.SYMLINK);
        assertThat(LinuxFileMode.isSymlink(attr(link).mode())).isTrue();
        List<FileNode> nodes = root().walk(List.of("link", "f"));
        nodes.forEach(this::hold);
        assertThat(nodes).hasSize(1);
        assertErrno(() -> link.walk(List.of("f")), Errno.ENOTDIR, Errno.ELOOP);
    }

    @Test
    default void qidPathsAreDistinctPerFileAndStable() throws Exception {
        FileNode f = file("f", "1");
        FileNode g = file("g", "2");
        FileNode d = dir("d");
        assertThat(List.of(f.qid().path(), g.qid().path(), d.qid().path(), root().qid().path())).doesNotHaveDuplicates();
        long before = f.qid().path();
        root().renameAt("f", d, "f2");
        assertThat(f.qid().path()).isEqualTo(before);
        assertThat(walk("d", "f2").qid().path()).isEqualTo(before);
    }
}
