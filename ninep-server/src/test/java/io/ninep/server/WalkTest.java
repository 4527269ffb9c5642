package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Twalk;
import io.ninep.server.memory.MemoryDirectory;
import io.ninep.server.memory.MemoryFileServer;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** walk(5) as the engine keeps it: 0, 1, 16 and 17 names, partial walks, and which fids exist after. */
class WalkTest {
    private ServerFixture fixture;
    private RawClient c;
    private Qid root;
    private final List<String> deep = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        MemoryDirectory d = fs.root();
        for (int i = 1; i <= 17; i++) {
            d = d.directory("d" + i);
            deep.add("d" + i);
        }
        fs.root().file("file", "x");
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        c = fixture.connect();
        root = c.start(8192);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.assertQuiet(c);
        fixture.close();
    }

    private boolean fidExists(int fid) throws Exception {
        return c.rpc(99, new Tgetattr(fid, Attr.BASIC)) instanceof Rgetattr;
    }

    @Test
    void noNamesClonesTheFid() throws Exception {
        assertThat(c.walk(2, 0, 1)).isEmpty();
        assertThat(c.call(3, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().qid()).isEqualTo(root);
        // To itself: nothing changes.
        assertThat(c.walk(4, 0, 0)).isEmpty();
        assertThat(fidExists(0)).isTrue();
    }

    @Test
    void oneName() throws Exception {
        List<Qid> q = c.walk(2, 0, 1, "d1");
        assertThat(q).hasSize(1);
        assertThat(q.getFirst().isDirectory()).isTrue();
        assertThat(c.call(3, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().qid()).isEqualTo(q.getFirst());
    }

    @Test
    void sixteenNames() throws Exception {
        List<Qid> q = c.walk(2, 0, 1, deep.subList(0, 16).toArray(String[]::new));
        assertThat(q).hasSize(16).doesNotHaveDuplicates();
        assertThat(c.call(3, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().qid()).isEqualTo(q.getLast());
    }

    @Test
    void seventeenNamesAreRefusedAndMakeNoFid() throws Exception {
        assertThat(c.rpc(2, new Twalk(0, 1, deep))).isEqualTo(new Rlerror(Errno.EINVAL.number()));
        assertThat(fidExists(1)).isFalse();
        // In two steps it works.
        c.walk(3, 0, 1, deep.subList(0, 16).toArray(String[]::new));
        assertThat(c.walk(4, 1, 1, "d17")).hasSize(1);
    }

    @Test
    void aWalkThatStopsEarlyReturnsTheQidsWalkedAndMakesNoFid() throws Exception {
        Rwalk r = c.call(2, new Twalk(0, 1, List.of("d1", "d2", "nope", "d4")), Rwalk.class);
        assertThat(r.qids()).hasSize(2);
        assertThat(fidExists(1)).isFalse();
        // Through a file: the walk stops at it.
        assertThat(c.call(3, new Twalk(0, 1, List.of("file", "x")), Rwalk.class).qids()).hasSize(1);
        assertThat(fidExists(1)).isFalse();
    }

    @Test
    void anErrorOnTheFirstNameIsAnError() throws Exception {
        assertThat(c.rpc(2, new Twalk(0, 1, List.of("nope")))).isEqualTo(new Rlerror(Errno.ENOENT.number()));
        assertThat(c.rpc(3, new Twalk(0, 1, List.of("a/b")))).isEqualTo(new Rlerror(Errno.ENOENT.number()));
        assertThat(c.rpc(4, new Twalk(0, 1, List.of("")))).isEqualTo(new Rlerror(Errno.ENOENT.number()));
        c.walk(5, 0, 1, "file");
        assertThat(c.rpc(6, new Twalk(1, 2, List.of("x")))).isEqualTo(new Rlerror(Errno.ENOTDIR.number()));
        assertThat(fidExists(2)).isFalse();
    }

    @Test
    void dotDotStopsAtTheRoot() throws Exception {
        assertThat(c.walk(2, 0, 1, "..")).containsExactly(root);
        assertThat(c.walk(3, 0, 2, "d1", "d2", "..", "..", "..")).last().isEqualTo(root);
        assertThat(c.walk(4, 0, 3, "d1", "..")).last().isEqualTo(root);
    }

    @Test
    void walkingAFidToItselfReplacesIt() throws Exception {
        c.walk(2, 0, 1, "d1");
        Qid d2 = c.walk(3, 1, 1, "d2").getFirst();
        assertThat(c.call(4, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().qid()).isEqualTo(d2);
        // A failed walk to itself leaves it as it was.
        assertThat(c.call(5, new Twalk(1, 1, List.of("d3", "nope")), Rwalk.class).qids()).hasSize(1);
        assertThat(c.call(6, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().qid()).isEqualTo(d2);
    }

    @Test
    void aNewFidInUseIsRefused() throws Exception {
        c.walk(2, 0, 1, "d1");
        assertThat(c.rpc(3, new Twalk(0, 1, List.of("file")))).isEqualTo(new Rlerror(Errno.EBADF.number()));
        assertThat(c.call(4, new Tgetattr(1, Attr.BASIC), Rgetattr.class).attr().qid().isDirectory()).isTrue();
    }

    @Test
    void anUnknownFidIsRefused() throws Exception {
        assertThat(c.rpc(2, new Twalk(7, 8, List.of()))).isEqualTo(new Rlerror(Errno.EBADF.number()));
    }

    @Test
    void anOpenFidCanBeClonedButNotWalkedInPlace() throws Exception {
        c.walk(2, 0, 1, "d1");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        assertThat(c.walk(4, 1, 2)).isEmpty();
        assertThat(c.rpc(5, new Twalk(1, 1, List.of("d2")))).isEqualTo(new Rlerror(Errno.EBADF.number()));
    }
}
