package io.ninep.server.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * The POSIX locks held on one file: fcntl(2) F_SETLK and F_GETLK semantics on byte ranges.
 *
 * <ul>
 *   <li>Locks of different owners conflict when their ranges overlap and at least one is a write
 *       lock. An owner never conflicts with itself.
 *   <li>A lock replaces whatever the same owner held on its range: a write lock over part of a
 *       read lock splits it in up to three pieces, an unlock punches a hole.
 *   <li>An owner's adjacent or overlapping ranges of one type are merged, so the list an owner
 *       holds is always the shortest one (as the kernel keeps it).
 * </ul>
 *
 * <p>The locks are kept sorted by start, then by owner order of insertion. Files rarely carry
 * more than a handful of locks, so a list scanned linearly is both the simplest and the fastest
 * representation. Not thread-safe: {@link LockTable} guards each instance.
 */
public final class FileLocks {
    private final List<RangeLock> locks = new ArrayList<>();

    /** Whether no lock is held. */
    public boolean isEmpty() {
        return locks.isEmpty();
    }

    /** The locks held, sorted by start (a copy). */
    public List<RangeLock> locks() {
        return List.copyOf(locks);
    }

    /** The first lock (lowest start) that stops {@code owner} from locking the range with {@code type}, or null. */
    public RangeLock conflict(LockOwner owner, int type, long start, long end) {
        for (RangeLock l : locks) {
            if (l.start() > end) {
                break;
            }
            if (l.conflicts(owner, type, start, end)) {
                return l;
            }
        }
        return null;
    }

    /**
     * F_SETLK: takes a lock of {@code type} (READ, WRITE) on the range for {@code owner}, or
     * releases the range (UNLOCK).
     *
     * @return false, changing nothing, if another owner's lock conflicts
     */
    public boolean set(LockOwner owner, int type, long start, long end) {
        if (type != RangeLock.UNLOCK && conflict(owner, type, start, end) != null) {
            return false;
        }
        long newStart = start;
        long newEnd = end;
        List<RangeLock> kept = new ArrayList<>(locks.size() + 2);
        for (RangeLock l : locks) {
            if (!l.owner().equals(owner)) {
                kept.add(l);
                continue;
            }
            boolean touches = l.start() <= (end == RangeLock.TO_EOF ? end : end + 1)
                    && start <= (l.end() == RangeLock.TO_EOF ? l.end() : l.end() + 1);
            if (!touches) {
                kept.add(l);
            } else if (l.type() == type) {
                // Same type, overlapping or adjacent: absorb it into the new lock.
                newStart = Math.min(newStart, l.start());
                newEnd = Math.max(newEnd, l.end());
            } else {
                // Another type (or an unlock): keep the parts outside the new range.
                if (l.start() < start) {
                    kept.add(new RangeLock(owner, l.type(), l.start(), start - 1));
                }
                if (l.end() > end) {
                    kept.add(new RangeLock(owner, l.type(), end + 1, l.end()));
                }
            }
        }
        if (type != RangeLock.UNLOCK) {
            kept.add(new RangeLock(owner, type, newStart, newEnd));
        }
        kept.sort((a, b) -> Long.compare(a.start(), b.start()));
        locks.clear();
        locks.addAll(kept);
        return true;
    }

    /** Releases every lock {@code owner} holds (POSIX: a close by the owner drops all its locks on the file). */
    public void releaseAll(LockOwner owner) {
        locks.removeIf(l -> l.owner().equals(owner));
    }
}
