package io.ninep.transport.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void sizeClassesFollowMsize() {
        assertThat(names(new BufferPool(4096, 1 << 20, false))).containsExactly("full(4096)");
        assertThat(names(new BufferPool(8192, 1 << 20, false))).containsExactly("small(4096)", "full(8192)");
        assertThat(names(new BufferPool(65536, 1 << 20, false))).containsExactly("small(4096)", "full(65536)");
        assertThat(names(new BufferPool(131072, 1 << 20, false)))
                .containsExactly("small(4096)", "medium(65536)", "full(131072)");
        assertThat(names(new BufferPool(4 << 20, 64 << 20, false)))
                .containsExactly("small(4096)", "medium(65536)", "half(2097152)", "full(4194304)");
    }

    private static List<String> names(BufferPool pool) {
        return pool.sizeClasses().stream().map(SizeClass::toString).toList();
    }

    @Test
    void aSmallRequestNeverTouchesALargerClassAtAnyMsize() throws Exception {
        for (int msize : new int[] {64 << 10, 4 << 20, 128 << 20}) {
            BufferPool pool = new BufferPool(msize, BufferPool.defaultBudget(msize), false);
            try (PooledBuffer t = pool.acquire(15); PooledBuffer r = pool.acquire(160)) {
                assertThat(t.capacity()).isEqualTo(BufferPool.SMALL);
                assertThat(r.buffer().limit()).isEqualTo(160);
            }
            PoolStats s = pool.stats();
            assertThat(s.takenLargerThan(BufferPool.SMALL)).as("msize %d", msize).isZero();
            assertThat(s.byName("small").taken()).isEqualTo(2);
            assertThat(s.inUse()).isZero();
        }
    }

    @Test
    void releasedBuffersAreReused() throws Exception {
        BufferPool pool = new BufferPool(1 << 20, 8 << 20, false);
        PooledBuffer a = pool.acquire(100);
        a.release();
        PooledBuffer b = pool.acquire(4000);
        assertThat(b).isSameAs(a);
        b.release();
        assertThat(pool.stats().byName("small").allocated()).isEqualTo(1);
    }

    @Test
    void doubleReleaseIsRefused() throws Exception {
        BufferPool pool = new BufferPool(65536, 1 << 20, false);
        PooledBuffer a = pool.acquire(10);
        a.release();
        assertThatThrownBy(a::release).isInstanceOf(IllegalStateException.class);
        assertThat(pool.stats().inUse()).isZero();
    }

    @Test
    void aSpentBudgetMakesCallersWaitUntilARelease() throws Exception {
        BufferPool pool = new BufferPool(65536, 65536, false);
        PooledBuffer held = pool.acquire(65536);
        assertThat(pool.stats().refused()).isZero();
        assertThat(pool.tryAcquire(65536)).isNull();
        assertThat(pool.acquire(65536, 10, TimeUnit.MILLISECONDS)).isNull();
        assertThat(pool.stats().refused()).as("both asks that came back empty").isEqualTo(2);
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<PooledBuffer> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.acquire(65536);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, exec);
            held.release();
            PooledBuffer got = waiter.get(10, TimeUnit.SECONDS);
            assertThat(got).isSameAs(held);
            got.release();
        }
        assertThat(pool.stats().inUse()).isZero();
    }

    @Test
    void idleBuffersOfOtherClassesAreDroppedToMakeRoom() throws Exception {
        BufferPool pool = new BufferPool(131072, 131072 + 4096, false);
        List<PooledBuffer> smalls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            smalls.add(pool.acquire(100));
        }
        smalls.forEach(PooledBuffer::release);
        PooledBuffer big = pool.acquire(131072);
        assertThat(big.capacity()).isEqualTo(131072);
        assertThat(pool.stats().bytesAllocated()).isLessThanOrEqualTo(131072 + 4096);
        big.release();
    }

    /**
     * Linux's mempool patch was shelved because a task holding its request's buffer blocked
     * forever allocating the buffer for its Tflush. Here every byte of the budget is held by
     * requests waiting for replies, and flush buffers are still there.
     */
    @Test
    void flushBuffersComeFromTheReserveWhenTheBudgetIsSpent() throws Exception {
        BufferPool pool = new BufferPool(65536, 65536 * 2, false);
        PooledBuffer a = pool.acquire(65536);
        PooledBuffer b = pool.acquire(65536);
        assertThat(pool.tryAcquire(9)).as("budget spent").isNull();
        List<PooledBuffer> flushes = new ArrayList<>();
        for (int i = 0; i < BufferPool.RESERVE_BUFFERS; i++) {
            flushes.add(pool.acquireReserve(9));
        }
        assertThat(pool.stats().reserve().inUse()).isEqualTo(BufferPool.RESERVE_BUFFERS);
        flushes.forEach(PooledBuffer::release);
        a.release();
        b.release();
        assertThat(pool.stats().inUse()).isZero();
    }

    @Test
    void sizesAboveTheLargestClassAreServedUnpooledAndCounted() throws Exception {
        BufferPool pool = new BufferPool(8192, 1 << 20, false);
        PooledBuffer big = pool.acquire(100_000);
        assertThat(big.capacity()).isEqualTo(100_000);
        assertThat(pool.stats().unpooled().inUse()).isEqualTo(1);
        big.release();
        assertThat(pool.stats().inUse()).isZero();
    }

    @Test
    void aBudgetSmallerThanOneMsizeBufferIsRefused() {
        assertThatThrownBy(() -> new BufferPool(1 << 20, 1000, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold one msize buffer");
    }

    @Test
    void buffersAreLittleEndianAndLimitedToTheSizeAsked() throws Exception {
        BufferPool pool = new BufferPool(65536);
        try (PooledBuffer b = pool.acquire(11)) {
            assertThat(b.buffer().order()).isEqualTo(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(b.buffer().isDirect()).isTrue();
            assertThat(b.buffer().position()).isZero();
            assertThat(b.buffer().limit()).isEqualTo(11);
        }
    }
}
