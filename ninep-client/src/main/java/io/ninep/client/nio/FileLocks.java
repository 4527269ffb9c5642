package io.ninep.client.nio;

import java.nio.channels.OverlappingFileLockException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks this JVM's channels hold, by server and file (qid path), across all ninep file
 * systems. Every session sends this process's pid and host name as the lock owner, and POSIX
 * locks of one owner merge rather than conflict; so, as the JDK does within one JVM, a lock that
 * overlaps one already held here is refused with {@link OverlappingFileLockException} before the
 * server is asked.
 */
final class FileLocks {
    /** A file of a server. */
    record Key(Object server, long qidPath) {}

    static final FileLocks JVM = new FileLocks();

    private final ReentrantLock lock = new ReentrantLock();   // guards held
    private final Map<Key, List<NinepFileLock>> held = new HashMap<>();

    void reserve(Key file, NinepFileLock l) {
        lock.lock();
        try {
            List<NinepFileLock> list = held.computeIfAbsent(file, k -> new ArrayList<>());
            for (NinepFileLock h : list) {
                if (overlap(h.position(), h.size(), l.position(), l.size())) {
                    throw new OverlappingFileLockException();
                }
            }
            list.add(l);
        } finally {
            lock.unlock();
        }
    }

    void remove(Key file, NinepFileLock l) {
        lock.lock();
        try {
            List<NinepFileLock> list = held.get(file);
            if (list != null) {
                list.remove(l);
                if (list.isEmpty()) {
                    held.remove(file);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the locks of a channel being closed (its clunk drops them on the server). */
    void removeAll(Key file, NinepFileChannel channel) {
        lock.lock();
        try {
            List<NinepFileLock> list = held.get(file);
            if (list != null) {
                list.removeIf(l -> {
                    if (l.channel() == channel) {
                        l.invalidate();
                        return true;
                    }
                    return false;
                });
                if (list.isEmpty()) {
                    held.remove(file);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean overlap(long p1, long s1, long p2, long s2) {
        long end1 = p1 + s1 < 0 ? Long.MAX_VALUE : p1 + s1;
        long end2 = p2 + s2 < 0 ? Long.MAX_VALUE : p2 + s2;
        return p1 < end2 && p2 < end1;
    }
}
