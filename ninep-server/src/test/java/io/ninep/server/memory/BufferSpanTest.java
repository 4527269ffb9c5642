package io.ninep.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.ServerConfig;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.Await;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large reads of a memory file go out from views of its pages on every transport, in the same
 * gathering write as their header, and carry the file's bytes; small reads are copied. Every page
 * a reply was sent from is given back once the file is gone.
 */
class BufferSpanTest {
    private static final int SIZE = 1024 * 1024 + 12345;
    private static final int MSIZE = 256 * 1024;
    private static final int COUNT = 200_000;

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final byte[] content = new byte[SIZE];

    @ParameterizedTest
    @EnumSource(ServerFixture.Kind.class)
    void largeReadsAreSentFromThePagesAndCarryTheirBytes(ServerFixture.Kind kind) throws Exception {
        new Random(3).nextBytes(content);
        MemoryFileServer fs = new MemoryFileServer();
        fs.root().file("big", content);
        try (ServerFixture fixture = new ServerFixture(fs, ServerConfig.defaults().withTrace(trace::add))) {
            RawClient c = fixture.connect(kind);
            c.start(MSIZE);
            c.walk(2, 0, 1, "big");
            c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
            long[] offsets = {0, 65_535, SIZE - 50_000, SIZE, SIZE + 10};
            for (long offset : offsets) {
                expectRead(c, offset, COUNT);
            }
            assertThat(spanLines()).as("one span per large read, EOF included").hasSize(offsets.length);
            assertThat(spanLines().getFirst()).as("200 000 bytes from 0: four pages").contains("count 200000 (4 buffers)");
            expectRead(c, 5000, 4096);
            assertThat(spanLines()).as("a small read is copied").hasSize(offsets.length);
            c.call(5, new Tclunk(1), Rclunk.class);
            fixture.assertQuiet(c);
        }
        assertThat(fs.root().remove("big")).isTrue();
        int pages = (SIZE + Pages.PAGE - 1) / Pages.PAGE;
        Await.until("every page back in the pool", () -> fs.space.pool.idle() >= pages);
        assertThat(fs.space.pool.idle()).as("every page back in the pool: each span was released").isEqualTo(pages);
    }

    private void expectRead(RawClient c, long offset, int count) throws Exception {
        Rread r = c.call(4, new Tread(1, offset, count), Rread.class);
        byte[] got = new byte[r.count()];
        r.data().duplicate().get(got);
        int from = (int) Math.min(offset, SIZE);
        assertThat(got).as("%d bytes at %d", count, offset)
                .isEqualTo(Arrays.copyOfRange(content, from, (int) Math.min(SIZE, offset + count)));
    }

    private List<String> spanLines() {
        return trace.stream().filter(l -> l.contains("Rread") && l.contains(" buffers)")).toList();
    }
}
