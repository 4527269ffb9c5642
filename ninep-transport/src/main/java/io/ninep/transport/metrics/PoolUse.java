package io.ninep.transport.metrics;

import io.ninep.transport.buffer.PoolStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The use of one size class of a {@link io.ninep.transport.buffer.BufferPool} (or of several
 * pools' classes of the same name and capacity, added up).
 *
 * @param sizeClass the class's name: "small", "medium", "half", "full", "reserve" (kept for
 *     Tflush and Rflush) or "unpooled" (buffers larger than any class, allocated and dropped)
 * @param capacity the bytes of each buffer of the class (0 for "unpooled", whose sizes vary)
 * @param inUse buffers lent out now
 * @param buffers buffers the pool holds, lent or idle (0 for "unpooled": they are not kept)
 */
public record PoolUse(String sizeClass, int capacity, long inUse, long buffers) {

    /** The bytes the class holds: capacity times buffers. */
    public long bytes() {
        return (long) capacity * buffers;
    }

    /** One entry per size class of {@code stats}, then the reserve, then the unpooled buffers. */
    public static List<PoolUse> of(PoolStats stats) {
        List<PoolUse> list = new ArrayList<>(stats.classes().size() + 2);
        for (PoolStats.ClassStats c : stats.classes()) {
            list.add(of(c));
        }
        list.add(of(stats.reserve()));
        PoolStats.ClassStats u = stats.unpooled();
        list.add(new PoolUse(u.sizeClass().name(), 0, u.inUse(), 0));
        return List.copyOf(list);
    }

    private static PoolUse of(PoolStats.ClassStats c) {
        return new PoolUse(c.sizeClass().name(), c.sizeClass().capacity(), c.inUse(), c.allocated());
    }
}
