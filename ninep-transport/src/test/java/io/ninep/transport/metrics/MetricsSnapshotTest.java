package io.ninep.transport.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.transport.buffer.BufferPool;
import io.ninep.transport.buffer.PooledBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsSnapshotTest {

    @Test
    void poolUseListsEveryClassThenTheReserveAndTheUnpooled() throws Exception {
        BufferPool pool = new BufferPool(1 << 20, 8 << 20, false);
        PooledBuffer small = pool.acquire(100);
        PooledBuffer half = pool.acquire(300 * 1024);
        PooledBuffer flush = pool.acquireReserve(11);
        PooledBuffer huge = pool.acquire(2 << 20);
        List<PoolUse> use = PoolUse.of(pool.stats());
        assertThat(use).containsExactly(
                new PoolUse("small", 4096, 1, 1),
                new PoolUse("medium", 65536, 0, 0),
                new PoolUse("half", 512 * 1024, 1, 1),
                new PoolUse("full", 1 << 20, 0, 0),
                new PoolUse("reserve", 4096, 1, BufferPool.RESERVE_BUFFERS),
                new PoolUse("unpooled", 0, 1, 0));
        small.release();
        half.release();
        flush.release();
        huge.release();
        assertThat(PoolUse.of(pool.stats())).extracting(PoolUse::inUse).containsOnly(0L);
    }

    @Test
    void plusAddsCountersAndGaugesTakesTheLargerMsizeAndMergesPoolClasses() {
        var a = new MetricsSnapshot(1, 2, 10, 1, 1, 0, 3, 0, 1000, 2000, 8192,
                List.of(new PoolUse("small", 4096, 1, 2), new PoolUse("full", 8192, 0, 1)));
        var b = new MetricsSnapshot(1, 1, 5, 2, 0, 1, 0, 4, 100, 200, 65536,
                List.of(new PoolUse("small", 4096, 2, 3), new PoolUse("full", 65536, 1, 1)));
        MetricsSnapshot sum = a.plus(b);
        assertThat(sum).isEqualTo(new MetricsSnapshot(2, 3, 15, 3, 1, 1, 3, 4, 1100, 2200, 65536, List.of(
                new PoolUse("small", 4096, 3, 5), new PoolUse("full", 8192, 0, 1), new PoolUse("full", 65536, 1, 1))));
        assertThat(sum.poolInUse()).isEqualTo(4);
        assertThat(sum.poolBytes()).isEqualTo(5 * 4096 + 8192 + 65536);
    }

    @Test
    void totalsKeepOnlyWhatGrows() {
        var a = new MetricsSnapshot(1, 2, 10, 1, 1, 0, 3, 4, 1000, 2000, 8192, List.of(new PoolUse("small", 4096, 1, 2)));
        assertThat(a.totals()).isEqualTo(new MetricsSnapshot(0, 0, 10, 1, 1, 0, 3, 4, 1000, 2000, 0, List.of()));
        assertThat(MetricsSnapshot.EMPTY.plus(a.totals())).isEqualTo(a.totals());
    }
}
