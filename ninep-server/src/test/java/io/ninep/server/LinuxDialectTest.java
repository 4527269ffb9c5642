package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.P9;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.message.*;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.spi.FileMode;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 9P2000.L session as the Linux client drives it, end to end through the engine. */
class LinuxDialectTest {
    private MemoryFileServer fs;
    private ServerFixture fixture;
    private RawClient c;

    @BeforeEach
    void setUp() throws Exception {
        fs = new MemoryFileServer();
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        c = fixture.connect();
        c.start(65536);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.assertQuiet(c);
        fixture.close();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    /** Makes fid {@code fid} a new file {@code name} in the root, open for writing and reading. */
    private void create(int fid, String name, String content) throws Exception {
        c.walk(2, 0, fid);
        c.call(3, new Tlcreate(fid, name, OpenFlags.O_RDWR, 0644, 0), Rlcreate.class);
        c.call(4, new Twrite(fid, 0, bytes(content)), Rwrite.class);
    }

    private Attr attr(int fid) throws Exception {
        return c.call(5, new Tgetattr(fid, Attr.ALL), Rgetattr.class).attr();
    }

    @Test
    void lcreateTurnsTheDirectoryFidIntoTheOpenFile() throws Exception {
        create(1, "a", "hello");
        assertThat(attr(1).size()).isEqualTo(5);
        assertThat(attr(1).mode()).isEqualTo(FileMode.S_IFREG | 0644);
        assertThat(text(c.call(6, new Tread(1, 1, 3), Rread.class).data())).isEqualTo("ell");
        assertThat(attr(0).qid().isDirectory()).isTrue();   // fid 0 untouched
    }

    @Test
    void readdirContinuesFromEveryOffsetEvenAsTheDirectoryChanges() throws Exception {
        for (int i = 0; i < 300; i++) {
            fs.root().file("f" + i, "");
        }
        c.walk(2, 0, 1);
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY), Rlopen.class);
        List<DirEntry> seen = new ArrayList<>();
        long offset = 0;
        boolean removedSome = false;
        while (true) {
            Rreaddir r = c.call(4, new Treaddir(1, offset, 1000), Rreaddir.class);
            if (r.count() == 0) {
                break;
            }
            assertThat(r.count()).isLessThanOrEqualTo(1000);
            List<DirEntry> entries = DirEntry.decodeAll(r.data(), new WireReader());
            seen.addAll(entries);
            offset = entries.getLast().offset();
            if (!removedSome) {
                for (int i = 250; i < 300; i++) {
                    fs.root().remove("f" + i);   // not yet listed: they simply do not come
                }
                removedSome = true;
            }
        }
        assertThat(seen).extracting(DirEntry::name).startsWith(".", "..").doesNotHaveDuplicates()
                .contains("f0", "f249").doesNotContain("f299");
        assertThat(seen).hasSize(252);
    }

    @Test
    void extendedAttributesThroughXattrFids() throws Exception {
        create(1, "f", "x");
        // setxattr: Txattrcreate turns a fid into the attribute's writer; the clunk sets it.
        c.walk(6, 0, 2, "f");
        c.call(7, new Txattrcreate(2, "user.k", 5, 0), Rxattrcreate.class);
        c.call(8, new Twrite(2, 0, bytes("va")), Rwrite.class);
        c.call(9, new Twrite(2, 2, bytes("lue")), Rwrite.class);
        c.call(10, new Tclunk(2), Rclunk.class);
        // getxattr: Txattrwalk to a new fid, read the value.
        assertThat(c.call(11, new Txattrwalk(1, 3, "user.k"), Rxattrwalk.class).size()).isEqualTo(5);
        assertThat(text(c.call(12, new Tread(3, 0, 100), Rread.class).data())).isEqualTo("value");
        c.call(13, new Tclunk(3), Rclunk.class);
        // listxattr: an empty name.
        c.call(14, new Txattrwalk(1, 3, ""), Rxattrwalk.class);
        assertThat(text(c.call(15, new Tread(3, 0, 100), Rread.class).data())).isEqualTo("user.k\0");
        c.call(16, new Tclunk(3), Rclunk.class);
        // A value shorter than declared fails at the clunk, which is what setxattr(2) reports.
        c.walk(17, 0, 2, "f");
        c.call(18, new Txattrcreate(2, "user.short", 10, 0), Rxattrcreate.class);
        c.call(19, new Twrite(2, 0, bytes("abc")), Rwrite.class);
        assertThat(c.rpc(20, new Tclunk(2))).isEqualTo(new Rlerror(Errno.EINVAL.number()));
        // removexattr: size 0.
        c.walk(21, 0, 2, "f");
        c.call(22, new Txattrcreate(2, "user.k", 0, Txattrcreate.XATTR_REPLACE), Rxattrcreate.class);
        c.call(23, new Tclunk(2), Rclunk.class);
        assertThat(c.rpc(24, new Txattrwalk(1, 3, "user.k"))).isEqualTo(new Rlerror(Errno.ENODATA.number()));
        assertThat(fixture.connection(c).fidCount()).isEqualTo(2);
    }

    @Test
    void anUnlinkedFileKeepsWorkingThroughItsFids() throws Exception {
        create(1, "gone", "still here");
        c.walk(6, 0, 2, "gone");
        c.call(7, new Tunlinkat(0, "gone", 0), Runlinkat.class);
        assertThat(attr(2).nlink()).isZero();
        assertThat(attr(2).size()).isEqualTo(10);
        c.call(8, new Tsetattr(2, new SetAttr(SetAttr.SIZE, 0, 0, 0, 5, 0, 0, 0, 0)), Rsetattr.class);
        assertThat(text(c.call(9, new Tread(1, 0, 100), Rread.class).data())).isEqualTo("still");
    }

    @Test
    void namesAreMadeMovedAndRemoved() throws Exception {
        assertThat(c.call(2, new Tmkdir(0, "d", 0755, 0), Rmkdir.class).qid().isDirectory()).isTrue();
        assertThat(c.call(3, new Tsymlink(0, "s", "d/x", 0), Rsymlink.class).qid().isSymlink()).isTrue();
        c.call(4, new Tmknod(0, "p", FileMode.S_IFIFO | 0600, 0, 0, 0), Rmknod.class);
        create(1, "f", "data");
        c.walk(6, 0, 2, "f");
        c.call(7, new Tlink(0, 2, "hard"), Rlink.class);
        assertThat(attr(2).nlink()).isEqualTo(2);
        c.walk(8, 0, 3, "d");
        c.call(9, new Trenameat(0, "hard", 3, "moved"), Rrenameat.class);
        c.call(10, new Trename(2, 3, "renamed"), Rrename.class);
        assertThat(c.walk(11, 0, 4, "d", "renamed")).hasSize(2);
        assertThat(c.walk(12, 0, 5, "s")).hasSize(1);
        assertThat(c.call(13, new Treadlink(5), Rreadlink.class).target()).isEqualTo("d/x");
        assertThat(c.rpc(14, new Tunlinkat(0, "d", 0))).isEqualTo(new Rlerror(Errno.EISDIR.number()));
        assertThat(c.rpc(15, new Tunlinkat(0, "d", Tunlinkat.AT_REMOVEDIR))).isEqualTo(new Rlerror(Errno.ENOTEMPTY.number()));
        c.call(16, new Tremove(4), Rremove.class);
        assertThat(c.rpc(17, new Tgetattr(4, Attr.BASIC))).isEqualTo(new Rlerror(Errno.EBADF.number()));
        assertThat(c.rpc(18, new Tlcreate(0, "a/b", OpenFlags.O_RDWR, 0644, 0))).isEqualTo(new Rlerror(Errno.EINVAL.number()));
        assertThat(c.call(19, new Tstatfs(0), Rstatfs.class).statFs().namelen()).isEqualTo(255);
    }

    @Test
    void locksConflictBetweenOwnersAndNotWithin() throws Exception {
        create(1, "l", "0123456789");
        c.walk(6, 0, 2, "l");
        c.call(7, new Tlopen(2, OpenFlags.O_RDWR), Rlopen.class);
        assertThat(c.call(8, new Tlock(1, Tlock.WRLCK, 0, 0, 5, 100, "a"), Rlock.class).status()).isEqualTo(Rlock.SUCCESS);
        assertThat(c.call(9, new Tlock(2, Tlock.WRLCK, 0, 3, 5, 200, "b"), Rlock.class).status()).isEqualTo(Rlock.BLOCKED);
        assertThat(c.call(10, new Tlock(2, Tlock.WRLCK, 0, 5, 5, 200, "b"), Rlock.class).status()).isEqualTo(Rlock.SUCCESS);
        Rgetlock g = c.call(11, new Tgetlock(2, Tlock.RDLCK, 0, 0, 200, "b"), Rgetlock.class);
        assertThat(g.procId()).isEqualTo(100);
        assertThat(g.lockType()).isEqualTo(Tlock.WRLCK);
        c.call(12, new Tclunk(1), Rclunk.class);   // closing drops owner a's locks
        assertThat(c.call(13, new Tlock(2, Tlock.WRLCK, 0, 0, 5, 200, "b"), Rlock.class).status()).isEqualTo(Rlock.SUCCESS);
        c.call(14, new Tfsync(2, 0), Rfsync.class);
    }

    @Test
    void authenticationIsNotRequired() throws Exception {
        assertThat(c.rpc(2, new Tauth(5, "root", "", 0))).isEqualTo(new Rlerror(Errno.EINVAL.number()));
        assertThat(c.rpc(3, new Tattach(5, 7, "root", "", 0))).isEqualTo(new Rlerror(Errno.EINVAL.number()));
    }

    @Test
    void anAnameAttachesASubtree() throws Exception {
        fs.root().directory("srv").directory("export").file("f", "x");
        c.call(2, new Tattach(5, P9.NOFID, "root", "/srv/export", 0), Rattach.class);
        assertThat(c.walk(3, 5, 6, "f")).hasSize(1);
        assertThat(c.walk(4, 5, 7, "..")).containsExactly(attr(5).qid());
        assertThat(c.rpc(8, new Tattach(9, P9.NOFID, "root", "/nope", 0))).isEqualTo(new Rlerror(Errno.ENOENT.number()));
    }

    @Test
    void aReadOnlyServerRefusesChanges() throws Exception {
        fs.root().file("f", "x");
        ServerFixture ro = new ServerFixture(fs, ServerConfig.defaults().withReadOnly(true));
        try {
            RawClient r = ro.connect();
            r.start(8192);
            r.walk(2, 0, 1, "f");
            assertThat(r.rpc(3, new Tlopen(1, OpenFlags.O_RDWR))).isEqualTo(new Rlerror(Errno.EROFS.number()));
            assertThat(r.rpc(4, new Tmkdir(0, "d", 0755, 0))).isEqualTo(new Rlerror(Errno.EROFS.number()));
            assertThat(r.rpc(5, new Tsetattr(1, new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0, 0))))
                    .isEqualTo(new Rlerror(Errno.EROFS.number()));
            assertThat(r.rpc(6, new Tremove(1))).isEqualTo(new Rlerror(Errno.EROFS.number()));
            r.walk(7, 0, 1, "f");
            r.call(8, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
            assertThat(r.call(9, new Tread(1, 0, 10), Rread.class).count()).isEqualTo(1);
            ro.assertQuiet(r);
        } finally {
            ro.close();
        }
    }

    @Test
    void aLargeReadUsesTheWholeMsize() throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        fs.root().file("big", big);
        c.walk(2, 0, 1, "big");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        ByteBuffer all = ByteBuffer.allocate(big.length);
        while (all.hasRemaining()) {
            Rread r = c.call(4, new Tread(1, all.position(), 65536 - P9.IO_HEADER_SIZE), Rread.class);
            assertThat(r.count()).isPositive();
            all.put(r.data().duplicate());
        }
        assertThat(all.array()).isEqualTo(big);
    }
}
