package io.ninep.server.lock;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The POSIX byte-range locks of every file a server serves, shared by all its connections: the
 * table behind {@link io.ninep.server.spi.OpenFile#lock} and {@link io.ninep.server.spi.OpenFile#getlock}
 * for any backend.
 *
 * <p>Files are keyed by an object that identifies the file itself, not a name or a fid: a
 * {@code (st_dev, st_ino)} record for a local file, the node object for a synthetic one. Every
 * open file takes a {@link LockHandle} with {@link #handle}; locks go through it, and closing it
 * releases the locks its owners hold on the file, as close(2) does.
 *
 * <p>Locking never blocks: a conflict answers {@link LockStatus#BLOCKED} and the 9P client
 * retries (the Linux client polls while the process waits in F_SETLKW).
 *
 * <p>Concurrency: each file's {@link FileLocks} is only read or changed inside
 * {@link ConcurrentHashMap#compute} on its key, which serialises the operations on one file and
 * lets different files proceed in parallel. A file's entry exists only while some lock is held
 * on it, so the table holds nothing for files nobody locks.
 */
public final class LockTable {
    private final ConcurrentHashMap<Object, FileLocks> files = new ConcurrentHashMap<>();

    /** A handle on the locks of file {@code fileKey} for one open file; cheap until it locks. */
    public LockHandle handle(Object fileKey) {
        return new LockHandle(this, fileKey);
    }

    /** How many files have locks held on them (for tests and statistics). */
    public int lockedFiles() {
        return files.size();
    }

    /** The locks held on {@code fileKey}, sorted by start (a snapshot, for tests and diagnostics). */
    public List<RangeLock> locks(Object fileKey) {
        var out = new java.util.concurrent.atomic.AtomicReference<List<RangeLock>>(List.of());
        files.computeIfPresent(fileKey, (k, locks) -> {
            out.set(locks.locks());
            return locks;
        });
        return out.get();
    }

    /** F_SETLK on {@code fileKey}: whether the lock was taken (or the range released). */
    boolean set(Object fileKey, LockOwner owner, int type, long start, long end) {
        boolean[] granted = new boolean[1];
        files.compute(fileKey, (k, locks) -> {
            if (locks == null) {
                if (type == RangeLock.UNLOCK) {
                    granted[0] = true;
                    return null;
                }
                locks = new FileLocks();
            }
            granted[0] = locks.set(owner, type, start, end);
            return locks.isEmpty() ? null : locks;
        });
        return granted[0];
    }

    /** F_GETLK on {@code fileKey}: the first conflicting lock, or null. */
    RangeLock conflict(Object fileKey, LockOwner owner, int type, long start, long end) {
        RangeLock[] found = new RangeLock[1];
        files.computeIfPresent(fileKey, (k, locks) -> {
            found[0] = locks.conflict(owner, type, start, end);
            return locks;
        });
        return found[0];
    }

    /** Drops every lock {@code owner} holds on {@code fileKey}. */
    void releaseAll(Object fileKey, LockOwner owner) {
        files.computeIfPresent(fileKey, (k, locks) -> {
            locks.releaseAll(owner);
            return locks.isEmpty() ? null : locks;
        });
    }

    /**
     * The inclusive end of the range a Tlock or Tgetlock describes, after checking it as fcntl(2)
     * does: EINVAL for a bad type or a negative start or length (a u64 above 2^63 - 1), EOVERFLOW
     * when start + length passes the largest offset.
     */
    static long endOf(LockRequest request) throws ErrnoException {
        int type = request.type();
        if (type != RangeLock.READ && type != RangeLock.WRITE && type != RangeLock.UNLOCK) {
            throw new ErrnoException(Errno.EINVAL, "lock type " + type + " is not RDLCK, WRLCK or UNLCK");
        }
        long start = request.start();
        long length = request.length();
        if (start < 0 || length < 0) {
            throw new ErrnoException(Errno.EINVAL, "lock range " + Long.toUnsignedString(start)
                    + "+" + Long.toUnsignedString(length) + " is out of range");
        }
        if (length == 0) {
            return RangeLock.TO_EOF;
        }
        if (length - 1 > RangeLock.TO_EOF - start) {
            throw new ErrnoException(Errno.EOVERFLOW, "lock range " + start + "+" + length + " passes the largest offset");
        }
        return start + length - 1;
    }

    /** Convenience for backends: the status for a lock that was or was not granted. */
    static LockStatus status(boolean granted) {
        return granted ? LockStatus.SUCCESS : LockStatus.BLOCKED;
    }
}
