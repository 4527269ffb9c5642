package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import org.junit.jupiter.api.Test;

/** Tlink: hard links share the file, its data and its qid. */
public interface LinkContract extends ContractSupport {

    @Test
    default void aHardLinkIsTheSameFile() throws Exception {
        FileNode f = file("f", "shared");
        FileNode d = dir("d");
        d.link("g", f);
        FileNode g = walk("d", "g");
        assertThat(g.qid().path()).isEqualTo(f.qid().path());
        assertThat(attr(f).nlink()).isEqualTo(2);
        assertThat(attr(g).nlink()).isEqualTo(2);
        OpenFile o = open(g, WRONLY);
        write(o, 0, bytes("SHARED"));
        assertThat(text(f)).isEqualTo("SHARED");
        root().unlinkAt("f", 0);
        assertThat(attr(g).nlink()).isEqualTo(1);
        assertThat(text(walk("d", "g"))).isEqualTo("SHARED");
    }

    @Test
    default void aSymlinkCanBeHardLinkedItself() throws Exception {
        file("target", "x");
        root().symlink("l", "target", gid());
        FileNode l = walk("l");
        root().link("l2", l);
        FileNode l2 = walk("l2");
        assertThat(l2.readlink()).isEqualTo("target");
        assertThat(l2.qid().path()).isEqualTo(l.qid().path());
        assertThat(attr(walk("target")).nlink()).isEqualTo(1);
    }

    @Test
    default void directoriesCannotBeHardLinked() throws Exception {
        FileNode d = dir("d");
        assertErrno(() -> root().link("d2", d), Errno.EPERM);
    }

    @Test
    default void linkToAnExistingNameFailsWithEexist() throws Exception {
        FileNode f = file("f", "x");
        file("g", "y");
        assertErrno(() -> root().link("g", f), Errno.EEXIST);
        assertErrno(() -> f.link("h", f), Errno.ENOTDIR);
    }
}
