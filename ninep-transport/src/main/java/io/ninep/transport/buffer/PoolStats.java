package io.ninep.transport.buffer;

import java.util.List;

/**
 * A snapshot of a pool's counters. Tests assert {@link #inUse()} back at zero after every
 * exchange: anything else is a leak or a double release.
 *
 * @param refused asks that could not wait ({@link BufferPool#tryAcquire}) or waited their whole
 *     timeout and got no buffer because the byte budget was spent; a caller that then takes a
 *     heap buffer instead (the server does, rather than block a handler) pays for it in garbage
 */
public record PoolStats(List<ClassStats> classes, ClassStats reserve, ClassStats unpooled, long bytesAllocated,
                        long maxBytes, long refused) {

    /** Counters of one size class. */
    public record ClassStats(SizeClass sizeClass, long taken, long released, long allocated) {
        public long inUse() {
            return taken - released;
        }
    }

    /** Buffers lent and not yet returned, over all classes, the reserve and unpooled ones. */
    public long inUse() {
        long n = reserve.inUse() + unpooled.inUse();
        for (ClassStats c : classes) {
            n += c.inUse();
        }
        return n;
    }

    /** The counters of the class with this name ("small", "medium", "half", "full"). */
    public ClassStats byName(String name) {
        for (ClassStats c : classes) {
            if (c.sizeClass().name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no size class " + name);
    }

    /** Buffers taken from any class larger than {@code capacity} (unpooled ones count). */
    public long takenLargerThan(int capacity) {
        long n = unpooled.taken();
        for (ClassStats c : classes) {
            if (c.sizeClass().capacity() > capacity) {
                n += c.taken();
            }
        }
        return n;
    }
}
