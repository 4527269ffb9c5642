package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A file unlinked while a fid holds it keeps working through that fid, as an open file does in
 * POSIX: the Linux client sends Tgetattr and Tsetattr on such fids (fstat, ftruncate).
 */
public interface UnlinkedFileContract extends ContractSupport {

    @Test
    default void anUnlinkedFileKeepsWorkingThroughItsNodeAndOpenFile() throws Exception {
        Created c = create(root(), "f", RDWR, 0644);
        write(c.file(), 0, bytes("before"));
        FileNode walked = walk("f");
        root().unlinkAt("f", 0);
        assertThat(names(root())).isEmpty();
        write(c.file(), 6, bytes("+after"));
        ByteBuffer dst = ByteBuffer.allocate(32);
        assertThat(c.file().read(0, dst)).isEqualTo(12);
        assertThat(new String(dst.array(), 0, 12)).isEqualTo("before+after");
        for (FileNode n : new FileNode[] {c.node(), walked}) {
            Attr a = attr(n);
            assertThat(a.nlink()).isZero();
            assertThat(a.size()).isEqualTo(12);
            assertThat(n.qid().path()).isEqualTo(c.node().qid().path());
        }
        walked.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 3, 0, 0, 0, 0));
        assertThat(attr(c.node()).size()).isEqualTo(3);
        walked.setattr(new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0, 0));
        assertThat(attr(c.node()).mode() & 07777).isEqualTo(0600);
        OpenFile again = open(walked, RDONLY);
        assertThat(readAll(again, 100)).isEqualTo(bytes("bef"));
    }

    @Test
    default void aRemovedDirectoryStillAnswersGetattr() throws Exception {
        FileNode d = dir("d");
        root().unlinkAt("d", AT_REMOVEDIR);
        assertThat(attr(d).nlink()).isZero();
        assertThat(d.qid().isDirectory()).isTrue();
    }

    @Test
    default void theFileOfARemoveStaysReadableThroughOtherFids() throws Exception {
        FileNode f = file("f", "data");
        OpenFile o = open(f, RDONLY);
        FileNode other = walk("f");
        other.remove();
        assertThat(readAll(o, 2)).isEqualTo(bytes("data"));
        assertThat(attr(f).nlink()).isZero();
    }
}
