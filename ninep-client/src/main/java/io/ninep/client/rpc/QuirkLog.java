package io.ninep.client.rpc;

import io.ninep.protocol.Quirk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The quirks a connection has seen: deviations from the protocol that lenient decoding accepted
 * (nfs-ganesha's Rerror in 9P2000.L), and fallbacks the client chose (diod's missing Tunlinkat).
 * Each kind is kept once (the first {@value #LIMIT} kinds), and every occurrence goes to the
 * configured listener.
 */
final class QuirkLog implements Consumer<Quirk> {
    static final int LIMIT = 64;
    private static final System.Logger LOG = System.getLogger("io.ninep.client");

    private final Consumer<Quirk> listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Quirk> seen = new ArrayList<>();   // guarded by lock

    QuirkLog(Consumer<Quirk> listener) {
        this.listener = listener;
    }

    @Override
    public void accept(Quirk quirk) {
        boolean first;
        lock.lock();
        try {
            first = seen.size() < LIMIT && seen.stream().noneMatch(q -> sameKind(q, quirk));
            if (first) {
                seen.add(quirk);
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            LOG.log(System.Logger.Level.DEBUG, "9P quirk: {0}", quirk);
        }
        listener.accept(quirk);
    }

    private static boolean sameKind(Quirk a, Quirk b) {
        return java.util.Objects.equals(a.messageType(), b.messageType()) && java.util.Objects.equals(a.field(), b.field());
    }

    List<Quirk> snapshot() {
        lock.lock();
        try {
            return List.copyOf(seen);
        } finally {
            lock.unlock();
        }
    }
}
