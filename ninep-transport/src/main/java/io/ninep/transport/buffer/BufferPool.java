package io.ninep.transport.buffer;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buffers by size class for one msize, bounded in bytes, with a reserve that only flushes use.
 *
 * <table>
 *   <caption>Size classes for msize M (a class exists only if it is smaller than the next)</caption>
 *   <tr><th>class</th><th>capacity</th><th>serves</th></tr>
 *   <tr><td>small</td><td>4 KiB</td><td>almost every message: Tgetattr, Tclunk, Rgetattr, Rlerror, walks</td></tr>
 *   <tr><td>medium</td><td>64 KiB</td><td>string replies (Rreadlink), first directory reads, small I/O</td></tr>
 *   <tr><td>half</td><td>M/2</td><td>mid-sized I/O</td></tr>
 *   <tr><td>full</td><td>M</td><td>I/O of a whole msize</td></tr>
 *   <tr><td>reserve</td><td>4 KiB &times; {@value #RESERVE_BUFFERS}</td><td>Tflush and Rflush only</td></tr>
 * </table>
 *
 * <p>{@link #acquire} reads top to bottom: classify the size, take a free buffer of the class
 * (fast path), else allocate one if the byte budget allows, first dropping idle buffers of other
 * classes (slow path), else wait for a release. A size above the largest class is served by an
 * unpooled buffer, counted but not kept. The reserve is allocated up front, outside the budget,
 * so cancelling a request works even when the budget is spent by requests that are waiting for
 * their replies: a request that holds buffers never needs the shared budget to send its Tflush.
 *
 * <p>Who releases what: the taker of a buffer releases it exactly once ({@link PooledBuffer}).
 * There are no thread-local caches (every request runs on its own virtual thread); the pool is
 * one lock-protected structure, normally one per connection. Buffers are direct unless asked
 * otherwise, so socket I/O does not copy them through a temporary direct buffer.
 */
public final class BufferPool {
    public static final int SMALL = 4096;
    public static final int MEDIUM = 64 * 1024;
    public static final int RESERVE_BUFFERS = 4;

    private static final int RESERVE_INDEX = -2;
    private static final int UNPOOLED_INDEX = -1;

    private final ReentrantLock lock = new ReentrantLock();   // guards everything below
    private final Condition bufferReleased = lock.newCondition();
    private final Condition reserveReleased = lock.newCondition();

    private final SizeClass[] classes;
    private final List<ArrayDeque<PooledBuffer>> free = new ArrayList<>();
    private final long[] taken;
    private final long[] released;
    private final long[] allocated;
    private final ArrayDeque<PooledBuffer> reserveFree = new ArrayDeque<>();
    private final SizeClass reserveClass = new SizeClass("reserve", SMALL);
    private long reserveTaken;
    private long reserveReleasedCount;
    private long unpooledTaken;
    private long unpooledReleased;
    private long refused;
    private long bytesAllocated;
    private final long maxBytes;
    private final boolean direct;

    /**
     * @param msize the connection's msize: the largest class
     * @param maxBytes the most bytes the pooled classes may hold together; at least msize
     * @param direct direct buffers (for socket I/O) or heap buffers
     */
    public BufferPool(int msize, long maxBytes, boolean direct) {
        if (msize <= 0) {
            throw new IllegalArgumentException("msize " + Integer.toUnsignedString(msize) + " is not a pool size");
        }
        if (maxBytes < msize) {
            throw new IllegalArgumentException("a pool of " + maxBytes + " bytes cannot hold one msize buffer of " + msize);
        }
        this.classes = classesFor(msize).toArray(SizeClass[]::new);
        this.maxBytes = maxBytes;
        this.direct = direct;
        this.taken = new long[classes.length];
        this.released = new long[classes.length];
        this.allocated = new long[classes.length];
        for (int i = 0; i < classes.length; i++) {
            free.add(new ArrayDeque<>());
        }
        for (int i = 0; i < RESERVE_BUFFERS; i++) {
            reserveFree.push(new PooledBuffer(this, newBuffer(SMALL), RESERVE_INDEX));
        }
    }

    /** A pool of direct buffers with {@link #defaultBudget}. */
    public BufferPool(int msize) {
        this(msize, defaultBudget(msize), true);
    }

    /** Room for several msize buffers in flight, and never less than 16 MiB. */
    public static long defaultBudget(int msize) {
        return Math.max(16L << 20, 4L * msize);
    }

    static List<SizeClass> classesFor(int msize) {
        List<SizeClass> list = new ArrayList<>();
        if (SMALL < msize) {
            list.add(new SizeClass("small", SMALL));
        }
        if (MEDIUM < msize) {
            list.add(new SizeClass("medium", MEDIUM));
        }
        if (msize / 2 > MEDIUM) {
            list.add(new SizeClass("half", msize / 2));
        }
        list.add(new SizeClass("full", msize));
        return list;
    }

    public List<SizeClass> sizeClasses() {
        return List.of(classes);
    }

    /** The class a buffer of {@code size} bytes comes from, or null if it is too big for any. */
    public SizeClass classFor(int size) {
        int c = classify(size);
        return c < 0 ? null : classes[c];
    }

    /** Takes a buffer of at least {@code size} bytes, waiting while the byte budget is spent. */
    public PooledBuffer acquire(int size) throws InterruptedException {
        PooledBuffer b = acquire(size, -1);
        assert b != null;
        return b;
    }

    /** As {@link #acquire(int)}, giving up after the timeout: then null. */
    public PooledBuffer acquire(int size, long timeout, TimeUnit unit) throws InterruptedException {
        return acquire(size, unit.toNanos(timeout));
    }

    /** A buffer if one can be had without waiting, else null. */
    public PooledBuffer tryAcquire(int size) {
        try {
            return acquire(size, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private PooledBuffer acquire(int size, long timeoutNanos) throws InterruptedException {
        if (size < 0) {
            throw new IllegalArgumentException("negative buffer size " + size);
        }
        int c = classify(size);
        if (c < 0) {
            return unpooled(size);
        }
        long remaining = timeoutNanos;
        lock.lockInterruptibly();
        try {
            while (true) {
                PooledBuffer b = free.get(c).pollFirst();
                if (b == null) {
                    b = allocate(c);
                }
                if (b != null) {
                    taken[c]++;
                    b.lend(size);
                    return b;
                }
                if (timeoutNanos < 0) {
                    bufferReleased.await();
                } else if (remaining <= 0) {
                    refused++;
                    return null;
                } else {
                    remaining = bufferReleased.awaitNanos(remaining);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a reserve buffer for a Tflush or its reply. It never competes with ordinary requests
     * for the budget; it waits only while every reserve buffer is itself in use by other flushes,
     * which end without needing anything from this pool.
     */
    public PooledBuffer acquireReserve(int size) throws InterruptedException {
        if (size > SMALL) {
            throw new IllegalArgumentException("reserve buffers hold " + SMALL + " bytes; " + size + " asked");
        }
        lock.lockInterruptibly();
        try {
            while (reserveFree.isEmpty()) {
                reserveReleased.await();
            }
            PooledBuffer b = reserveFree.pop();
            reserveTaken++;
            b.lend(size);
            return b;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A reserve buffer if one is free right now, else null: for a caller that must not wait (a
     * client's reader thread starting a queued flush once another flush has ended).
     */
    public PooledBuffer tryAcquireReserve(int size) {
        if (size > SMALL) {
            throw new IllegalArgumentException("reserve buffers hold " + SMALL + " bytes; " + size + " asked");
        }
        lock.lock();
        try {
            PooledBuffer b = reserveFree.poll();
            if (b == null) {
                return null;
            }
            reserveTaken++;
            b.lend(size);
            return b;
        } finally {
            lock.unlock();
        }
    }

    private int classify(int size) {
        for (int i = 0; i < classes.length; i++) {
            if (size <= classes[i].capacity()) {
                return i;
            }
        }
        return -1;
    }

    /** Allocates a buffer of class c within the budget, dropping idle buffers of other classes if needed. */
    private PooledBuffer allocate(int c) {
        assert lock.isHeldByCurrentThread();
        int cap = classes[c].capacity();
        for (int other = classes.length - 1; bytesAllocated + cap > maxBytes && other >= 0; other--) {
            ArrayDeque<PooledBuffer> idle = free.get(other);
            while (other != c && bytesAllocated + cap > maxBytes && !idle.isEmpty()) {
                idle.pop();
                bytesAllocated -= classes[other].capacity();
                allocated[other]--;
            }
        }
        if (bytesAllocated + cap > maxBytes) {
            return null;
        }
        bytesAllocated += cap;
        allocated[c]++;
        return new PooledBuffer(this, newBuffer(cap), c);
    }

    private PooledBuffer unpooled(int size) {
        PooledBuffer b = new PooledBuffer(this, newBuffer(size), UNPOOLED_INDEX);
        lock.lock();
        try {
            unpooledTaken++;
        } finally {
            lock.unlock();
        }
        b.lend(size);
        return b;
    }

    private ByteBuffer newBuffer(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    void giveBack(PooledBuffer b) {
        lock.lock();
        try {
            switch (b.classIndex()) {
                case UNPOOLED_INDEX -> unpooledReleased++;
                case RESERVE_INDEX -> {
                    reserveReleasedCount++;
                    reserveFree.push(b);
                    reserveReleased.signal();
                }
                default -> {
                    int c = b.classIndex();
                    released[c]++;
                    free.get(c).push(b);
                    bufferReleased.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public PoolStats stats() {
        lock.lock();
        try {
            List<PoolStats.ClassStats> list = new ArrayList<>();
            for (int i = 0; i < classes.length; i++) {
                list.add(new PoolStats.ClassStats(classes[i], taken[i], released[i], allocated[i]));
            }
            return new PoolStats(List.copyOf(list),
                    new PoolStats.ClassStats(reserveClass, reserveTaken, reserveReleasedCount, RESERVE_BUFFERS),
                    new PoolStats.ClassStats(new SizeClass("unpooled", 0), unpooledTaken, unpooledReleased, 0),
                    bytesAllocated, maxBytes, refused);
        } finally {
            lock.unlock();
        }
    }
}
