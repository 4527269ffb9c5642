package io.ninep.server.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.protocol.ErrnoException;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockHandleTest {
    private static final int RD = 0, WR = 1, UN = 2;

    private final LockTable table = new LockTable();

    private static LockRequest req(int type, long start, long length, int proc) {
        return new LockRequest(type, 0, start, length, proc, "host");
    }

    @Test
    void writeLocksOnDisjointRangesAreGranted() throws Exception {
        LockHandle a = table.handle("f");
        LockHandle b = table.handle("f");
        assertThat(a.lock(req(WR, 0, 100, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(req(WR, 200, 10, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(req(WR, 100, 100, 2))).isEqualTo(LockStatus.SUCCESS);   // adjacent on both sides
        assertThat(b.lock(req(WR, 99, 1, 2))).isEqualTo(LockStatus.BLOCKED);
    }

    @Test
    void readLocksShareWriteLocksExclude() throws Exception {
        LockHandle a = table.handle("f");
        LockHandle b = table.handle("f");
        assertThat(a.lock(req(RD, 0, 10, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(req(RD, 5, 10, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(req(WR, 5, 10, 2))).isEqualTo(LockStatus.BLOCKED);
        assertThat(b.lock(req(WR, 10, 10, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(a.lock(req(RD, 0, 11, 1))).isEqualTo(LockStatus.BLOCKED);
    }

    @Test
    void anOwnerNeverConflictsWithItselfAndConvertsInPlace() throws Exception {
        LockHandle a = table.handle("f");
        a.lock(req(RD, 0, 100, 1));
        assertThat(a.lock(req(WR, 40, 20, 1))).isEqualTo(LockStatus.SUCCESS);
        LockOwner o = new LockOwner("host", 1);
        assertThat(table.locks("f")).containsExactly(
                new RangeLock(o, RD, 0, 39), new RangeLock(o, WR, 40, 59), new RangeLock(o, RD, 60, 99));
        a.lock(req(UN, 50, 0, 1));
        assertThat(table.locks("f")).containsExactly(new RangeLock(o, RD, 0, 39), new RangeLock(o, WR, 40, 49));
        a.lock(req(WR, 0, 40, 1));
        assertThat(table.locks("f")).containsExactly(new RangeLock(o, WR, 0, 49));
    }

    @Test
    void ownersDifferByClientIdAndByProcId() throws Exception {
        LockHandle a = table.handle("f");
        a.lock(new LockRequest(WR, 0, 0, 10, 7, "alpha"));
        assertThat(a.lock(new LockRequest(WR, 0, 0, 10, 7, "beta"))).isEqualTo(LockStatus.BLOCKED);
        assertThat(a.lock(new LockRequest(WR, 0, 0, 10, 8, "alpha"))).isEqualTo(LockStatus.BLOCKED);
        assertThat(a.lock(new LockRequest(WR, 0, 0, 10, 7, "alpha"))).isEqualTo(LockStatus.SUCCESS);
    }

    @Test
    void lengthZeroReachesTheEndOfTheFile() throws Exception {
        LockHandle a = table.handle("f");
        a.lock(req(WR, 1000, 0, 1));
        assertThat(a.lock(req(RD, Long.MAX_VALUE - 1, 1, 2))).isEqualTo(LockStatus.BLOCKED);
        assertThat(a.lock(req(RD, 0, 1000, 2))).isEqualTo(LockStatus.SUCCESS);
        LockRequest seen = a.getlock(req(WR, 5000, 1, 2));
        assertThat(seen).isEqualTo(new LockRequest(WR, 0, 1000, 0, 1, "host"));
    }

    @Test
    void getlockNamesTheFirstConflictOrAnswersUnlock() throws Exception {
        LockHandle a = table.handle("f");
        a.lock(req(RD, 50, 10, 1));
        a.lock(req(WR, 20, 10, 3));
        assertThat(a.getlock(req(WR, 0, 0, 2))).isEqualTo(new LockRequest(WR, 0, 20, 10, 3, "host"));
        assertThat(a.getlock(req(RD, 0, 0, 2))).isEqualTo(new LockRequest(WR, 0, 20, 10, 3, "host"));
        assertThat(a.getlock(req(RD, 40, 0, 2))).isEqualTo(new LockRequest(UN, 0, 40, 0, 2, "host"));
        assertThat(a.getlock(req(WR, 40, 0, 2))).isEqualTo(new LockRequest(RD, 0, 50, 10, 1, "host"));
        // The owner's own locks never show up.
        assertThat(a.getlock(req(WR, 20, 10, 3)).type()).isEqualTo(UN);
    }

    @Test
    void closeReleasesTheLocksOfOwnersThatLockedThroughTheHandle() throws Exception {
        LockHandle a = table.handle("f");
        LockHandle b = table.handle("f");
        a.lock(req(WR, 0, 10, 1));
        a.lock(req(WR, 20, 10, 2));
        b.lock(req(WR, 40, 10, 3));
        assertThat(b.lock(req(WR, 0, 10, 3))).isEqualTo(LockStatus.BLOCKED);
        a.close();
        assertThat(table.locks("f")).extracting(RangeLock::start).containsExactly(40L);
        assertThat(b.lock(req(WR, 0, 10, 3))).isEqualTo(LockStatus.SUCCESS);
        b.close();
        assertThat(table.lockedFiles()).isZero();
        assertThatThrownBy(() -> a.lock(req(WR, 0, 1, 1))).isInstanceOf(ErrnoException.class)
                .extracting(e -> ((ErrnoException) e).errnoName()).isEqualTo("EBADF");
    }

    @Test
    void filesAreIndependentAndEmptyEntriesVanish() throws Exception {
        LockHandle f = table.handle("f");
        LockHandle g = table.handle("g");
        f.lock(req(WR, 0, 0, 1));
        assertThat(g.lock(req(WR, 0, 0, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(table.lockedFiles()).isEqualTo(2);
        f.lock(req(UN, 0, 0, 1));
        g.lock(req(UN, 0, 10, 2));
        assertThat(table.lockedFiles()).isEqualTo(1);
        g.lock(req(UN, 10, 0, 2));
        assertThat(table.lockedFiles()).isZero();
        f.lock(req(UN, 0, 0, 9));   // unlocking nothing is fine and leaves nothing
        assertThat(table.lockedFiles()).isZero();
    }

    @Test
    void badRequestsAreRefusedAsFcntlWould() {
        LockHandle a = table.handle("f");
        assertErrno(() -> a.lock(req(3, 0, 0, 1)), "EINVAL");
        assertErrno(() -> a.lock(req(WR, -1, 0, 1)), "EINVAL");
        assertErrno(() -> a.lock(req(WR, 0, -1, 1)), "EINVAL");
        assertErrno(() -> a.lock(req(WR, 10, Long.MAX_VALUE, 1)), "EOVERFLOW");
        assertErrno(() -> a.getlock(req(UN, 0, 0, 1)), "EINVAL");
        assertThat(table.lockedFiles()).isZero();
    }

    @Test
    void largestRangeIsAccepted() throws Exception {
        LockHandle a = table.handle("f");
        assertThat(a.lock(req(WR, 0, Long.MAX_VALUE, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(table.locks("f")).containsExactly(new RangeLock(new LockOwner("host", 1), WR, 0, Long.MAX_VALUE - 1));
        assertThat(a.lock(req(WR, 1, Long.MAX_VALUE - 1, 1))).isEqualTo(LockStatus.SUCCESS);
    }

    @Test
    void writeLocksExcludeEachOtherUnderContention() throws Exception {
        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger entries = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int proc = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try (LockHandle h = table.handle("f")) {
                    go.await();
                    for (int k = 0; k < 2000; k++) {
                        // Each takes a private range, then the shared byte 1000 as a mutex.
                        h.lock(req(RD, proc * 10, 10, proc));
                        if (h.lock(req(WR, 1000, 1, proc)) == LockStatus.SUCCESS) {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            entries.incrementAndGet();
                            inside.decrementAndGet();
                            h.lock(req(UN, 1000, 1, proc));
                        }
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(overlaps.get()).isZero();
        assertThat(entries.get()).isPositive();
        assertThat(table.lockedFiles()).isZero();   // every handle closed: its read locks are gone
    }

    private static void assertErrno(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String errno) {
        assertThatThrownBy(call).isInstanceOf(ErrnoException.class)
                .extracting(e -> ((ErrnoException) e).errnoName()).isEqualTo(errno);
    }
}
