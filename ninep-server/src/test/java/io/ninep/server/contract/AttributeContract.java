package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.SetAttr;
import io.ninep.protocol.message.StatFs;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tgetattr, Tsetattr and Tstatfs. */
public interface AttributeContract extends ContractSupport {

    static SetAttr set(int valid) {
        return new SetAttr(valid, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    default void getattrFillsEveryStatField() throws Exception {
        FileNode f = file("f", "12345");
        Attr a = f.getattr(Attr.ALL);
        assertThat(a.has(Attr.BASIC)).isTrue();
        assertThat(a.qid().path()).isEqualTo(f.qid().path());
        assertThat(a.mode()).isEqualTo(LinuxFileMode.S_IFREG | 0644);
        assertThat(a.nlink()).isEqualTo(1);
        assertThat(a.size()).isEqualTo(5);
        assertThat(a.blksize()).isPositive();
        assertThat(a.blocks()).isNotNegative();
        assertThat(a.mtimeSec()).isPositive();
        assertThat(a.atimeNsec()).isBetween(0L, 999_999_999L);
        assertThat(a.mtimeNsec()).isBetween(0L, 999_999_999L);
        assertThat(a.ctimeNsec()).isBetween(0L, 999_999_999L);
        Attr basic = f.getattr(Attr.BASIC);
        assertThat(basic.has(Attr.BASIC)).isTrue();
        assertThat(basic.size()).isEqualTo(5);
    }

    @Test
    default void setattrChangesTheModeButNotTheType() throws Exception {
        FileNode f = file("f", "x");
        FileNode d = dir("d");
        f.setattr(new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0, 0));
        d.setattr(new SetAttr(SetAttr.MODE, 01700, 0, 0, 0, 0, 0, 0, 0));
        assertThat(attr(f).mode()).isEqualTo(LinuxFileMode.S_IFREG | 0600);
        assertThat(attr(d).mode()).isEqualTo(LinuxFileMode.S_IFDIR | 01700);
    }

    @Test
    default void setattrTruncatesAndExtends() throws Exception {
        FileNode f = file("f", "0123456789");
        f.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 4, 0, 0, 0, 0));
        assertThat(text(f)).isEqualTo("0123");
        f.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 8, 0, 0, 0, 0));
        assertThat(content(f)).isEqualTo(new byte[] {'0', '1', '2', '3', 0, 0, 0, 0});
        assertThat(attr(f).size()).isEqualTo(8);
        FileNode d = dir("d");
        assertErrno(() -> d.setattr(new SetAttr(SetAttr.SIZE, 0, 0, 0, 0, 0, 0, 0, 0)), Errno.EISDIR);
    }

    @Test
    default void explicitTimesKeepTheirNanoseconds() throws Exception {
        FileNode f = file("f", "x");
        f.setattr(new SetAttr(SetAttr.ATIME | SetAttr.ATIME_SET | SetAttr.MTIME | SetAttr.MTIME_SET,
                0, 0, 0, 0, 1_000_000_000L, 123_456_789L, 1_100_000_000L, 987_654_321L));
        Attr a = attr(f);
        assertThat(a.atime()).isEqualTo(Instant.ofEpochSecond(1_000_000_000L, 123_456_789L));
        assertThat(a.mtime()).isEqualTo(Instant.ofEpochSecond(1_100_000_000L, 987_654_321L));
        // One alone leaves the other.
        f.setattr(new SetAttr(SetAttr.MTIME | SetAttr.MTIME_SET, 0, 0, 0, 0, 0, 0, 1_200_000_000L, 1L));
        a = attr(f);
        assertThat(a.atime()).isEqualTo(Instant.ofEpochSecond(1_000_000_000L, 123_456_789L));
        assertThat(a.mtime()).isEqualTo(Instant.ofEpochSecond(1_200_000_000L, 1L));
    }

    @Test
    default void timesWithoutSetMeanNow() throws Exception {
        FileNode f = file("f", "x");
        f.setattr(new SetAttr(SetAttr.ATIME | SetAttr.ATIME_SET | SetAttr.MTIME | SetAttr.MTIME_SET,
                0, 0, 0, 0, 1_000_000_000L, 0, 1_000_000_000L, 0));
        Instant before = Instant.now().minusSeconds(2);
        f.setattr(set(SetAttr.ATIME | SetAttr.MTIME | SetAttr.CTIME));
        Instant after = Instant.now().plusSeconds(2);
        Attr a = attr(f);
        assertThat(a.atime()).isBetween(before, after);
        assertThat(a.mtime()).isBetween(before, after);
        assertThat(a.ctime()).isBetween(before, after);
    }

    @Test
    default void writingMovesMtimeAndCtime() throws Exception {
        FileNode f = file("f", "x");
        f.setattr(new SetAttr(SetAttr.MTIME | SetAttr.MTIME_SET, 0, 0, 0, 0, 0, 0, 1_000_000_000L, 0));
        OpenFile o = open(f, WRONLY);
        write(o, 0, bytes("y"));
        Instant before = Instant.now().minusSeconds(2);
        assertThat(attr(f).mtime()).isAfter(before);
        assertThat(attr(f).ctime()).isAfter(before);
    }

    @Test
    default void setattrOfNothingChangesNothing() throws Exception {
        FileNode f = file("f", "x");
        Attr a = attr(f);
        f.setattr(set(0));
        assertThat(attr(f).mtime()).isEqualTo(a.mtime());
        assertThat(attr(f).mode()).isEqualTo(a.mode());
    }

    @Test
    default void ownerAndGroupChangeForRoot() throws Exception {
        if (user().uid() != 0) {
            return;   // only root may give files away; identity tests cover the others
        }
        FileNode f = file("f", "x");
        f.setattr(new SetAttr(SetAttr.UID | SetAttr.GID, 0, 1234, 5678, 0, 0, 0, 0, 0));
        assertThat(attr(f).uid()).isEqualTo(1234);
        assertThat(attr(f).gid()).isEqualTo(5678);
        f.setattr(new SetAttr(SetAttr.GID, 0, 0, 42, 0, 0, 0, 0, 0));
        assertThat(attr(f).uid()).isEqualTo(1234);
        assertThat(attr(f).gid()).isEqualTo(42);
    }

    @Test
    default void symlinksAreDescribedNotFollowed() throws Exception {
        file("target", "0123456789");
        root().symlink("l", "target", gid());
        FileNode l = walk("l");
        Attr a = attr(l);
        assertThat(a.mode() & LinuxFileMode.S_IFMT).isEqualTo(LinuxFileMode.S_IFLNK);
        assertThat(a.size()).isEqualTo(6);
        assertThat(a.qid().path()).isNotEqualTo(walk("target").qid().path());
        l.setattr(new SetAttr(SetAttr.MTIME | SetAttr.MTIME_SET, 0, 0, 0, 0, 0, 0, 1_000_000_000L, 5));
        assertThat(attr(l).mtime()).isEqualTo(Instant.ofEpochSecond(1_000_000_000L, 5));
        assertThat(attr(walk("target")).mtime()).isNotEqualTo(Instant.ofEpochSecond(1_000_000_000L, 5));
    }

    @Test
    default void statfsDescribesTheFileSystem() throws Exception {
        StatFs s = root().statfs();
        assertThat(s.bsize()).isPositive();
        assertThat(s.namelen()).isGreaterThanOrEqualTo(255);
        assertThat(Long.compareUnsigned(s.blocks(), s.bfree())).isGreaterThanOrEqualTo(0);
        assertThat(Long.compareUnsigned(s.bfree(), s.bavail())).isGreaterThanOrEqualTo(0);
        assertThat(file("f", "x").statfs().bsize()).isEqualTo(s.bsize());
    }
}
