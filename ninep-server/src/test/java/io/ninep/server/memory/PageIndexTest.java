package io.ninep.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A file's page index against a map of the same pages, sparse and dense, with removals. */
class PageIndexTest {
    private final PagePool pool = new PagePool();

    @Test
    void holdsWhatASimpleMapHoldsThroughSetsAndRemovals() throws Exception {
        PageIndex index = new PageIndex();
        Map<Integer, Page> model = new HashMap<>();
        Random random = new Random(4);
        int[] places = {0, 1, 3, 4095, 4096, 4097, 8191, 70_000, 1 << 20, (1 << 28) - 1};
        for (int round = 0; round < 400; round++) {
            int n = random.nextBoolean() ? places[random.nextInt(places.length)] : random.nextInt(20_000);
            if (random.nextInt(10) == 0) {
                List<Page> dropped = new ArrayList<>();
                index.removeFrom(n, dropped::add);
                List<Page> expected = model.entrySet().stream().filter(e -> e.getKey() >= n).map(Map.Entry::getValue).toList();
                assertThat(dropped).containsExactlyInAnyOrderElementsOf(expected);
                model.keySet().removeIf(k -> k >= n);
            } else {
                Page p = pool.take(false);
                assertThat(index.set(n, p)).isSameAs(model.put(n, p));
            }
            assertThat(index.held()).isEqualTo(model.size());
            for (int k : places) {
                assertThat(index.get(k)).as("page %d", k).isSameAs(model.get(k));
            }
            assertThat(index.get(n)).isSameAs(model.get(n));
        }
    }

    @Test
    void aWriteNearTheLargestSizeCostsAChunkNotAnArrayAsLongAsTheFile() throws Exception {
        MemoryFileServer.Space space = new MemoryFileServer.Space(1L << 30);
        Pages pages = new Pages(space);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        pages.write(Pages.MAX_SIZE - 1, ByteBuffer.wrap(new byte[] {42}));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("heap for one page at 16 TiB (a flat array would take a gigabyte)").isLessThan(1 << 20);
        assertThat(pages.size()).isEqualTo(Pages.MAX_SIZE);
        ByteBuffer got = ByteBuffer.allocate(2);
        assertThat(pages.read(Pages.MAX_SIZE - 2, got)).isEqualTo(2);
        assertThat(got.array()).containsExactly(0, 42);
        assertThat(pages.allocated()).isEqualTo(Pages.PAGE);
        pages.truncate(0);
        assertThat(space.used.get()).isZero();
    }
}
