package io.ninep.transport.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BufferPool#tryAcquireReserve}: the reserve without waiting, for a client's reader thread. */
class ReserveTryAcquireTest {

    @Test
    void givesReserveBuffersUntilNoneIsLeftThenNull() {
        BufferPool pool = new BufferPool(65536, 65536, false);
        List<PooledBuffer> taken = new ArrayList<>();
        for (int i = 0; i < BufferPool.RESERVE_BUFFERS; i++) {
            PooledBuffer b = pool.tryAcquireReserve(11);
            assertThat(b).isNotNull();
            assertThat(b.buffer().limit()).isEqualTo(11);
            taken.add(b);
        }
        assertThat(pool.tryAcquireReserve(11)).isNull();
        assertThat(pool.stats().reserve().inUse()).isEqualTo(BufferPool.RESERVE_BUFFERS);
        taken.getFirst().release();
        PooledBuffer again = pool.tryAcquireReserve(7);
        assertThat(again).isNotNull();
        again.release();
        taken.subList(1, taken.size()).forEach(PooledBuffer::release);
        assertThat(pool.stats().inUse()).isZero();
        assertThat(pool.stats().reserve().taken()).isEqualTo(BufferPool.RESERVE_BUFFERS + 1);
    }

    @Test
    void reserveIsThereWhenTheBudgetIsSpent() throws Exception {
        BufferPool pool = new BufferPool(65536, 65536, false);
        PooledBuffer all = pool.acquire(65536);
        assertThat(pool.tryAcquire(100)).isNull();
        PooledBuffer r = pool.tryAcquireReserve(100);
        assertThat(r).isNotNull();
        r.release();
        all.release();
        assertThat(pool.stats().inUse()).isZero();
    }

    @Test
    void refusesMoreThanASmallBuffer() {
        BufferPool pool = new BufferPool(65536);
        assertThatThrownBy(() -> pool.tryAcquireReserve(BufferPool.SMALL + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
