package io.ninep.server;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.P9;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fids of one connection, in a hash map (a list scanned per request made QEMU take hours
 * over a 278k-file copy). Lookups take no lock; each changes one entry atomically. A request
 * {@link #get gets} a fid with a reference it must {@link #release}; the table's own reference
 * goes when the fid is clunked or replaced.
 */
final class FidTable {
    private static final System.Logger LOG = System.getLogger(FidTable.class.getName());

    private final ConcurrentHashMap<Integer, Fid> fids = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    FidTable(int max) {
        this.max = max;
    }

    int size() {
        return count.get();
    }

    /** The fid with a reference for the caller, or EBADF. */
    Fid get(int id) throws ErrnoException {
        Fid f = fids.get(id);
        if (f == null || !f.retain()) {
            throw new ErrnoException(Errno.EBADF, "unknown fid " + Integer.toUnsignedString(id));
        }
        return f;
    }

    /**
     * Whether the fid is open on a file that writes payloads still on the connection: a hint for
     * the reader, which takes no reference (the request that follows checks everything again).
     */
    boolean receivesDirectly(int id, boolean intoFiles) {
        Fid f = fids.get(id);
        return f != null && f.receivesDirectly(intoFiles);
    }

    /**
     * Whether the fid is open on a file whose reads and writes wait for nothing but memory: a hint for the
     * reader, like {@link #receivesDirectly}.
     */
    boolean transfersWithoutWaiting(int id) {
        Fid f = fids.get(id);
        return f != null && f.transfersWithoutWaiting();
    }

    /**
     * Adds a new fid. On failure the caller still owns {@code fid} and must release it.
     *
     * @throws ErrnoException EBADF if its number is in use or NOFID, EMFILE past the limit
     */
    void add(Fid fid) throws ErrnoException {
        if (fid.id == P9.NOFID) {
            throw new ErrnoException(Errno.EBADF, "NOFID (~0) cannot name a fid");
        }
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            throw new RequestError(Errno.EMFILE, "too many fids on this connection (limit " + max + ")");
        }
        if (fids.putIfAbsent(fid.id, fid) != null) {
            count.decrementAndGet();
            throw new ErrnoException(Errno.EBADF, "fid " + Integer.toUnsignedString(fid.id) + " is already in use");
        }
    }

    /**
     * Puts {@code next} where {@code previous} was and drops the table's reference to
     * {@code previous}. If {@code previous} is no longer there (clunked meanwhile), nothing changes
     * and the caller still owns {@code next}.
     */
    boolean replace(Fid previous, Fid next) {
        if (!fids.replace(previous.id, previous, next)) {
            return false;
        }
        releaseQuietly(previous);
        return true;
    }

    /** Takes the fid out of the table; the caller now owns the table's reference. */
    Fid remove(int id) throws ErrnoException {
        Fid f = fids.remove(id);
        if (f == null) {
            throw new ErrnoException(Errno.EBADF, "unknown fid " + Integer.toUnsignedString(id));
        }
        count.decrementAndGet();
        return f;
    }

    /** Clunks every fid (Tversion, or the connection closed). */
    void clunkAll() {
        List<Fid> all = new ArrayList<>(fids.values());
        for (Fid f : all) {
            if (fids.remove(f.id, f)) {
                count.decrementAndGet();
                releaseQuietly(f);
            }
        }
    }

    /** Drops a reference, logging what closing the fid failed with (nobody is left to tell). */
    static void releaseQuietly(Fid f) {
        try {
            f.release();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + f + ": " + e);
        }
    }
}
