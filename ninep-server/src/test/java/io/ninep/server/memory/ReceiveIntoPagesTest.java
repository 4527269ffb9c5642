package io.ninep.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlcreate;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlcreate;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Twrite;
import io.ninep.server.ServerConfig;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.Await;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A large Twrite to a memory file is read from the connection straight into pages of the pool,
 * on every transport, and then made the file's; a connection lost inside the payload leaves the
 * file as it was and every page back in the pool.
 */
class ReceiveIntoPagesTest {
    private static final int PAGE = Pages.PAGE;
    private static final int MSIZE = 512 * 1024;
    private static final int COUNT = 5 * PAGE - 1000;

    @ParameterizedTest
    @EnumSource(ServerFixture.Kind.class)
    void largeWritesAreReadIntoNewPagesThatReplaceTheFilesOwn(ServerFixture.Kind kind) throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        byte[] first = random(1, COUNT);
        byte[] second = random(2, COUNT);
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults())) {
            RawClient c = create(fixture, kind);
            assertThat(c.call(4, new Twrite(1, 0, ByteBuffer.wrap(first)), Rwrite.class).count()).isEqualTo(COUNT);
            assertThat(fs.space.pool.idle()).as("five pages taken, none given back").isZero();
            assertThat(c.call(5, new Twrite(1, 100, ByteBuffer.wrap(second)), Rwrite.class).count()).isEqualTo(COUNT);
            assertThat(fs.space.pool.idle())
                    .as("read into five new pages: three replaced the file's, two were copied into its pages 0 and 4")
                    .isEqualTo(5);
            byte[] expected = Arrays.copyOf(first, 100 + COUNT);
            System.arraycopy(second, 0, expected, 100, COUNT);
            Rread r = c.call(6, new Tread(1, 0, MSIZE - 24), Rread.class);
            byte[] got = new byte[r.count()];
            r.data().get(got);
            assertThat(got).isEqualTo(expected);
            assertThat(fs.space.used.get()).isEqualTo(5L * PAGE);
            c.call(7, new Tclunk(1), Rclunk.class);
            fixture.assertQuiet(c);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerFixture.Kind.class)
    void aConnectionLostInsideThePayloadLeavesTheFileAndThePoolWhole(ServerFixture.Kind kind) throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        byte[] first = random(3, COUNT);
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults())) {
            RawClient c = create(fixture, kind);
            c.call(4, new Twrite(1, 0, ByteBuffer.wrap(first)), Rwrite.class);
            ByteBuffer cut = ByteBuffer.allocate(Twrite.HEADER_SIZE + COUNT / 2).order(ByteOrder.LITTLE_ENDIAN);
            cut.putInt(Twrite.HEADER_SIZE + COUNT).put((byte) 118).putShort((short) 5)
                    .putInt(1).putLong(0).putInt(COUNT);
            cut.put(random(4, COUNT / 2)).flip();
            c.sendRaw(cut);
            c.close();
        }
        Await.until("the run's five pages back", () -> fs.space.pool.idle() >= 5);
        assertThat(fs.space.pool.idle()).as("the run's five pages back").isEqualTo(5);
        ByteBuffer now = ByteBuffer.allocate(COUNT);
        Inode.Regular file = (Inode.Regular) fs.rootInode.byName.get("f").inode();
        assertThat(file.pages.read(0, now)).isEqualTo(COUNT);
        assertThat(now.array()).as("the file as it was").isEqualTo(first);
    }

    private static RawClient create(ServerFixture fixture, ServerFixture.Kind kind) throws Exception {
        RawClient c = fixture.connect(kind);
        c.start(MSIZE);
        c.walk(2, 0, 1);
        c.call(3, new Tlcreate(1, "f", OpenFlags.O_RDWR, 0644, 0), Rlcreate.class);
        return c;
    }

    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
