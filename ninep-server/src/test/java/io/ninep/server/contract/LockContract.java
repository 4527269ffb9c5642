package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import io.ninep.server.spi.OpenFile;
import org.junit.jupiter.api.Test;

/** Tlock and Tgetlock: POSIX byte ranges, shared by every open of a file, released on close. */
public interface LockContract extends ContractSupport {
    int RD = 0;
    int WR = 1;
    int UN = 2;

    static LockRequest lock(int type, long start, long length, int proc) {
        return new LockRequest(type, 0, start, length, proc, "client");
    }

    @Test
    default void conflictingRangesBlockAndDisjointOnesDoNot() throws Exception {
        FileNode f = file("f", "x".repeat(300));
        OpenFile a = open(f, RDWR);
        OpenFile b = open(walk("f"), RDWR);
        assertThat(a.lock(lock(WR, 0, 100, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(lock(WR, 50, 10, 2))).isEqualTo(LockStatus.BLOCKED);
        assertThat(b.lock(lock(RD, 99, 1, 2))).isEqualTo(LockStatus.BLOCKED);
        assertThat(b.lock(lock(WR, 200, 10, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(new LockRequest(WR, 1, 50, 0, 2, "client"))).isEqualTo(LockStatus.BLOCKED);
        LockRequest seen = b.getlock(lock(WR, 0, 0, 2));
        assertThat(seen.type()).isEqualTo(WR);
        assertThat(seen.start()).isZero();
        assertThat(seen.length()).isEqualTo(100);
        assertThat(seen.procId()).isEqualTo(1);
        assertThat(seen.clientId()).isEqualTo("client");
        assertThat(b.getlock(lock(WR, 100, 100, 2)).type()).isEqualTo(UN);
    }

    @Test
    default void readLocksShareAndUnlockSplitsARange() throws Exception {
        FileNode f = file("f", "x");
        OpenFile a = open(f, RDWR);
        OpenFile b = open(f, RDWR);
        assertThat(a.lock(lock(RD, 0, 0, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(lock(RD, 10, 10, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(lock(WR, 10, 10, 2))).isEqualTo(LockStatus.BLOCKED);
        assertThat(a.lock(lock(UN, 5, 20, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(lock(WR, 10, 10, 2))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(lock(WR, 25, 1, 2))).isEqualTo(LockStatus.BLOCKED);
        assertThat(b.lock(lock(WR, 4, 1, 2))).isEqualTo(LockStatus.BLOCKED);
    }

    @Test
    default void closingAnOpenFileReleasesItsLocks() throws Exception {
        FileNode f = file("f", "x");
        OpenFile a = f.open(RDWR);
        OpenFile b = open(f, RDWR);
        assertThat(a.lock(lock(WR, 0, 0, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(b.lock(lock(WR, 0, 1, 2))).isEqualTo(LockStatus.BLOCKED);
        a.close();
        assertThat(b.lock(lock(WR, 0, 1, 2))).isEqualTo(LockStatus.SUCCESS);
    }

    @Test
    default void locksFollowTheFileNotTheName() throws Exception {
        FileNode f = file("f", "x");
        root().link("g", f);
        OpenFile a = open(f, RDWR);
        OpenFile b = open(walk("g"), RDWR);
        a.lock(lock(WR, 0, 10, 1));
        assertThat(b.lock(lock(WR, 5, 1, 2))).isEqualTo(LockStatus.BLOCKED);
        OpenFile other = open(file("other", "y"), RDWR);
        assertThat(other.lock(lock(WR, 5, 1, 2))).isEqualTo(LockStatus.SUCCESS);
    }

    @Test
    default void lockTypesNeedTheMatchingAccessMode() throws Exception {
        FileNode f = file("f", "x");
        OpenFile r = open(f, RDONLY);
        OpenFile w = open(f, WRONLY);
        assertErrno(() -> r.lock(lock(WR, 0, 1, 1)), Errno.EBADF);
        assertErrno(() -> w.lock(lock(RD, 0, 1, 1)), Errno.EBADF);
        assertThat(r.lock(lock(RD, 0, 1, 1))).isEqualTo(LockStatus.SUCCESS);
        assertThat(w.lock(lock(WR, 5, 1, 1))).isEqualTo(LockStatus.SUCCESS);
    }
}
