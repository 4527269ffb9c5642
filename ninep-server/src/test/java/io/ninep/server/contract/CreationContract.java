package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.DirEntry;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.SetAttr;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tlcreate, Tmkdir, Tsymlink, Tmknod: what they make, its owner and mode, and the names they refuse. */
public interface CreationContract extends ContractSupport {

    @Test
    default void createMakesAnOpenRegularFile() throws Exception {
        Created c = create(root(), "f", RDWR, 0640);
        assertThat(c.node().qid().type()).isEqualTo(Qid.FILE);
        assertThat(c.file().qid().path()).isEqualTo(c.node().qid().path());
        write(c.file(), 0, bytes("hello"));
        ByteBuffer dst = ByteBuffer.allocate(10);
        assertThat(c.file().read(0, dst)).isEqualTo(5);
        Attr a = attr(c.node());
        assertThat(a.mode()).isEqualTo(LinuxFileMode.S_IFREG | 0640);
        assertThat(a.size()).isEqualTo(5);
        assertThat(a.uid()).isEqualTo(user().uid());
        assertThat(a.gid()).isEqualTo(gid());
        assertThat(a.nlink()).isEqualTo(1);
        assertThat(names(root())).containsExactly("f");
    }

    @Test
    default void modesAreExactlyWhatTheClientAsked() throws Exception {
        // The client applied its umask already: the server's must not apply again.
        create(root(), "f666", RDWR, 0666);
        create(root(), "f600", RDWR, 0600);
        root().mkdir("d777", 0777, gid());
        root().mkdir("d750", 0750, gid());
        root().mkdir("d1777", 01777, gid());
        assertThat(attr(walk("f666")).mode()).isEqualTo(LinuxFileMode.S_IFREG | 0666);
        assertThat(attr(walk("f600")).mode()).isEqualTo(LinuxFileMode.S_IFREG | 0600);
        assertThat(attr(walk("d777")).mode()).isEqualTo(LinuxFileMode.S_IFDIR | 0777);
        assertThat(attr(walk("d750")).mode()).isEqualTo(LinuxFileMode.S_IFDIR | 0750);
        assertThat(attr(walk("d1777")).mode()).isEqualTo(LinuxFileMode.S_IFDIR | 01777);
    }

    @Test
    default void createOfAnExistingNameWithOExclFails() throws Exception {
        file("f", "x");
        dir("d");
        assertErrno(() -> root().create("f", RDWR | LinuxOpenFlags.O_EXCL | LinuxOpenFlags.O_CREAT, 0644, gid()), Errno.EEXIST);
        assertErrno(() -> root().create("d", RDWR | LinuxOpenFlags.O_EXCL | LinuxOpenFlags.O_CREAT, 0644, gid()), Errno.EEXIST);
        assertErrno(() -> root().mkdir("f", 0755, gid()), Errno.EEXIST);
        assertErrno(() -> root().mkdir("d", 0755, gid()), Errno.EEXIST);
        assertErrno(() -> root().symlink("d", "x", gid()), Errno.EEXIST);
        assertErrno(() -> root().mknod("f", LinuxFileMode.S_IFIFO | 0644, 0, 0, gid()), Errno.EEXIST);
    }

    @Test
    default void creatingInAFileFailsWithEnotdir() throws Exception {
        FileNode f = file("f", "x");
        assertErrno(() -> f.create("g", RDWR, 0644, gid()), Errno.ENOTDIR);
        assertErrno(() -> f.mkdir("g", 0755, gid()), Errno.ENOTDIR);
        assertErrno(() -> f.symlink("g", "x", gid()), Errno.ENOTDIR);
        assertErrno(() -> f.mknod("g", LinuxFileMode.S_IFIFO | 0644, 0, 0, gid()), Errno.ENOTDIR);
    }

    @Test
    default void newFilesTakeTheGroupTheClientSent() throws Exception {
        // As root (the default identity) any gid goes; other identities override gid().
        int g = user().uid() == 0 ? 4321 : gid();
        root().create("f", RDWR, 0644, g).file().close();
        root().mkdir("d", 0755, g);
        root().symlink("l", "f", g);
        root().mknod("p", LinuxFileMode.S_IFIFO | 0644, 0, 0, g);
        for (String n : List.of("f", "d", "l", "p")) {
            FileNode node = walk(n);
            assertThat(attr(node).gid()).as(n).isEqualTo(g);
            assertThat(attr(node).uid()).as(n).isEqualTo(user().uid());
        }
    }

    @Test
    default void aSetGroupIdDirectoryGivesItsGroup() throws Exception {
        FileNode d = dir("d");
        int dirGroup = user().uid() == 0 ? 777 : gid();
        d.setattr(new SetAttr(SetAttr.GID, 0, 0, dirGroup, 0, 0, 0, 0, 0));
        d.setattr(new SetAttr(SetAttr.MODE, 02777, 0, 0, 0, 0, 0, 0, 0));
        assertThat(attr(d).mode()).isEqualTo(LinuxFileMode.S_IFDIR | 02777);
        int other = user().uid() == 0 ? 4321 : gid();
        d.create("f", RDWR, 0644, other).file().close();
        d.mkdir("sub", 0755, other);
        assertThat(attr(walk(d, "f")).gid()).isEqualTo(dirGroup);
        Attr sub = attr(walk(d, "sub"));
        assertThat(sub.gid()).isEqualTo(dirGroup);
        assertThat(sub.mode() & LinuxFileMode.S_ISGID).as("subdirectories inherit set-group-ID").isNotZero();
    }

    @Test
    default void mkdirMakesAnEmptyDirectory() throws Exception {
        Qid q = root().mkdir("d", 0755, gid());
        assertThat(q.type()).isEqualTo(Qid.DIR);
        FileNode d = walk("d");
        assertThat(d.qid().path()).isEqualTo(q.path());
        Attr a = attr(d);
        assertThat(a.nlink()).isEqualTo(2);
        assertThat(a.uid()).isEqualTo(user().uid());
        assertThat(names(d)).isEmpty();
    }

    @Test
    default void symlinkMakesALinkThatReadsBack() throws Exception {
        Qid q = root().symlink("l", "some/where/../else", gid());
        assertThat(q.type()).isEqualTo(Qid.SYMLINK);
        FileNode l = walk("l");
        assertThat(l.qid().path()).isEqualTo(q.path());
        assertThat(l.readlink()).isEqualTo("some/where/../else");
        Attr a = attr(l);
        assertThat(a.mode() & LinuxFileMode.S_IFMT).isEqualTo(LinuxFileMode.S_IFLNK);
        assertThat(a.size()).isEqualTo("some/where/../else".length());
        root().symlink("abs", "/no/such/target", gid());
        assertThat(walk("abs").readlink()).isEqualTo("/no/such/target");
    }

    @Test
    default void readlinkOfAnythingButASymlinkFailsWithEinval() throws Exception {
        FileNode f = file("f", "x");
        assertErrno(f::readlink, Errno.EINVAL);
        assertErrno(() -> root().readlink(), Errno.EINVAL);
    }

    @Test
    default void mknodMakesFifosAndSockets() throws Exception {
        Qid fifo = root().mknod("fifo", LinuxFileMode.S_IFIFO | 0640, 0, 0, gid());
        Qid sock = root().mknod("sock", LinuxFileMode.S_IFSOCK | 0600, 0, 0, gid());
        assertThat(fifo.type()).isEqualTo(Qid.FILE);
        assertThat(sock.type()).isEqualTo(Qid.FILE);
        assertThat(attr(walk("fifo")).mode()).isEqualTo(LinuxFileMode.S_IFIFO | 0640);
        assertThat(attr(walk("sock")).mode()).isEqualTo(LinuxFileMode.S_IFSOCK | 0600);
        List<DirEntry> entries = readdir(root());
        assertThat(entries).filteredOn(e -> e.name().equals("fifo")).singleElement()
                .extracting(DirEntry::type).isEqualTo(DirEntry.DT_FIFO);
        assertThat(entries).filteredOn(e -> e.name().equals("sock")).singleElement()
                .extracting(DirEntry::type).isEqualTo(DirEntry.DT_SOCK);
    }

    @Test
    default void mknodRefusesDeviceNodes() {
        assertErrno(() -> root().mknod("null", LinuxFileMode.S_IFCHR | 0666, 1, 3, gid()), Errno.EPERM);
        assertErrno(() -> root().mknod("sda", LinuxFileMode.S_IFBLK | 0660, 8, 0, gid()), Errno.EPERM);
    }

    @Test
    default void namesOf255BytesWorkAnd256Fail() throws Exception {
        String longest = "n".repeat(255);
        create(root(), longest, RDWR, 0644);
        assertThat(walk(longest).qid().type()).isEqualTo(Qid.FILE);
        String longestUtf8 = "\u00e9".repeat(127) + "x";   // 255 bytes
        root().mkdir(longestUtf8, 0755, gid());
        assertThat(names(root())).contains(longest, longestUtf8);
        String tooLong = "n".repeat(256);
        assertErrno(() -> root().create(tooLong, RDWR, 0644, gid()), Errno.ENAMETOOLONG);
        assertErrno(() -> root().mkdir("\u00e9".repeat(128), 0755, gid()), Errno.ENAMETOOLONG);
        assertErrno(() -> root().walk(List.of(tooLong)), Errno.ENAMETOOLONG, Errno.ENOENT);
    }

    @Test
    default void namesThatAreNotOneEntryAreRefused() throws Exception {
        dir("a");
        for (String bad : List.of("a/b", "/", ".", "..", "", "x\0y")) {
            assertErrno(() -> root().create(bad, RDWR, 0644, gid()), Errno.EINVAL, Errno.EEXIST);
            assertErrno(() -> root().mkdir(bad, 0755, gid()), Errno.EINVAL, Errno.EEXIST);
            assertErrno(() -> root().symlink(bad, "x", gid()), Errno.EINVAL, Errno.EEXIST);
        }
        assertThat(names(walk("a"))).isEmpty();
        assertThat(names(root())).containsExactly("a");
    }

    @Test
    default void unusualNamesRoundTrip() throws Exception {
        List<String> odd = List.of("with space", "new\nline", "tab\tand;semi", "caf\u00e9", "\u65e5\u672c",
                "emoji\ud83d\ude00", "raw\udcff\udc80byte", "-leading-dash", ".hidden", "...", "x:y*z?");
        for (String n : odd) {
            create(root(), n, RDWR, 0644);
        }
        assertThat(names(root())).containsExactlyInAnyOrderElementsOf(odd);
        for (String n : odd) {
            assertThat(walk(n).qid().type()).as(n).isEqualTo(Qid.FILE);
        }
    }
}
