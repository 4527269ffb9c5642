package io.ninep.server.lock;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.spi.LockRequest;
import io.ninep.server.spi.LockStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open file's door to the {@link LockTable}: what an {@link io.ninep.server.spi.OpenFile}
 * delegates {@code lock}, {@code getlock} and {@code close} to. It remembers which owners took
 * locks through it, and {@link #close} releases all their locks on the file, as close(2)
 * releases the calling process's locks (the Linux client also sends an explicit unlock before
 * Tclunk; this covers clients that crash or forget).
 *
 * <p>Thread-safe: locks through one handle may come from several threads at once.
 */
public final class LockHandle implements AutoCloseable {
    private final LockTable table;
    private final Object fileKey;
    private final Set<LockOwner> owners = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LockHandle(LockTable table, Object fileKey) {
        this.table = table;
        this.fileKey = fileKey;
    }

    /** The key of the file this handle locks. */
    public Object fileKey() {
        return fileKey;
    }

    /**
     * Tlock (F_SETLK): SUCCESS, or BLOCKED if another owner's lock conflicts. Never blocks,
     * whatever the request's flags say.
     *
     * @throws ErrnoException EINVAL for a bad type or range, EOVERFLOW for a range past the
     *     largest offset, EBADF after close
     */
    public LockStatus lock(LockRequest request) throws ErrnoException {
        long end = LockTable.endOf(request);
        checkOpen();
        LockOwner owner = LockOwner.of(request);
        if (request.type() != RangeLock.UNLOCK) {
            owners.add(owner);   // before locking, so a racing close() releases it too
        }
        boolean granted = table.set(fileKey, owner, request.type(), request.start(), end);
        if (closed) {
            table.releaseAll(fileKey, owner);   // lost a race with close(): leave nothing behind
            throw new ErrnoException(Errno.EBADF, "the file was closed");
        }
        return LockTable.status(granted);
    }

    /**
     * Tgetlock (F_GETLK): the first lock (lowest start) that conflicts with the request, or the
     * request with type UNLCK if none does.
     */
    public LockRequest getlock(LockRequest request) throws ErrnoException {
        long end = LockTable.endOf(request);
        checkOpen();
        if (request.type() == RangeLock.UNLOCK) {
            throw new ErrnoException(Errno.EINVAL, "F_GETLK needs RDLCK or WRLCK");
        }
        RangeLock conflict = table.conflict(fileKey, LockOwner.of(request), request.type(), request.start(), end);
        if (conflict == null) {
            return new LockRequest(RangeLock.UNLOCK, request.flags(), request.start(), request.length(),
                    request.procId(), request.clientId());
        }
        return conflict.toRequest();
    }

    /** Releases the locks of every owner that locked through this handle. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (LockOwner owner : owners) {
            table.releaseAll(fileKey, owner);
        }
        owners.clear();
    }

    private void checkOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF, "the file was closed");
        }
    }
}
