package io.ninep.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlcreate;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Runlinkat;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlcreate;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tunlinkat;
import io.ninep.protocol.message.Twrite;
import io.ninep.server.ServerConfig;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A memory file's pages count against the tree's capacity until nothing can reach the file: no
 * name, no open file, and no fid walked to it (which may still open it and read what it held).
 */
class SpaceTest {
    private static final int PAGE = Pages.PAGE;

    @Test
    void anUnlinkedFileKeepsItsPagesForItsLastFidThenGivesThemBack() throws Exception {
        MemoryFileServer fs = new MemoryFileServer();
        byte[] content = new byte[200_000];
        Arrays.fill(content, (byte) 'z');
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults())) {
            RawClient c = fixture.connect(ServerFixture.Kind.PIPE);
            c.start(256 * 1024);
            c.walk(2, 0, 1);
            c.call(3, new Tlcreate(1, "f", OpenFlags.O_RDWR, 0644, 0), Rlcreate.class);
            assertThat(c.call(4, new Twrite(1, 0, ByteBuffer.wrap(content)), Rwrite.class).count()).isEqualTo(content.length);
            c.walk(5, 0, 2, "f");
            c.call(6, new Tunlinkat(0, "f", 0), Runlinkat.class);
            c.call(7, new Tclunk(1), Rclunk.class);
            assertThat(fs.space.used.get()).as("no name, not open, but fid 2 is on it").isEqualTo(4L * PAGE);
            c.call(8, new Tlopen(2, OpenFlags.O_RDONLY), Rlopen.class);
            Rread r = c.call(9, new Tread(2, 0, 100_000), Rread.class);
            byte[] got = new byte[r.count()];
            r.data().get(got);
            assertThat(got).as("what it held").isEqualTo(Arrays.copyOf(content, 100_000));
            c.call(10, new Tclunk(2), Rclunk.class);
            assertThat(fs.space.used.get()).as("its last fid gone").isZero();
            assertThat(fs.space.pool.idle()).as("its pages back in the pool once the reply was sent").isEqualTo(4);
            fixture.assertQuiet(c);
        }
    }
}
