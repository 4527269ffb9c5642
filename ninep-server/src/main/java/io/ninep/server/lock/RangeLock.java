package io.ninep.server.lock;

import io.ninep.server.spi.LockRequest;
import java.util.Objects;

/**
 * One lock held on a byte range: bytes {@code start} to {@code end}, both included;
 * {@code end == }{@link #TO_EOF} means "to the end of the file, whatever it becomes" (Linux's
 * OFFSET_MAX).
 *
 * @param type {@link #READ} or {@link #WRITE} (Tlock's RDLCK 0 and WRLCK 1)
 */
public record RangeLock(LockOwner owner, int type, long start, long end) {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int UNLOCK = 2;
    /** The end of a range that reaches the end of the file. */
    public static final long TO_EOF = Long.MAX_VALUE;

    public RangeLock {
        Objects.requireNonNull(owner, "owner");
        if (type != READ && type != WRITE) {
            throw new IllegalArgumentException("lock type " + type);
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("range " + start + ".." + end);
        }
    }

    /** Whether the ranges share a byte. */
    public boolean overlaps(long otherStart, long otherEnd) {
        return start <= otherEnd && otherStart <= end;
    }

    /** Whether this lock stops {@code owner} from taking a lock of {@code type} on the range. */
    public boolean conflicts(LockOwner other, int otherType, long otherStart, long otherEnd) {
        return !owner.equals(other) && (type == WRITE || otherType == WRITE) && overlaps(otherStart, otherEnd);
    }

    /** The length as Tlock/Rgetlock carry it: 0 for "to the end of the file". */
    public long length() {
        return end == TO_EOF ? 0 : end - start + 1;
    }

    /** As Rgetlock describes a conflicting lock. */
    public LockRequest toRequest() {
        return new LockRequest(type, 0, start, length(), owner.procId(), owner.clientId());
    }
}
