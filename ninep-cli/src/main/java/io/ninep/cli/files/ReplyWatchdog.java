package io.ninep.cli.files;

import io.ninep.client.rpc.Connection;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives up on a server that stopped answering: while connecting, when the whole handshake and
 * attach take longer than a deadline; afterwards, when a request has been waiting and no reply
 * at all has come for the reply limit (replies to other requests in flight count as progress,
 * so a long windowed transfer never trips it). Giving up closes the connection: every request
 * in flight fails at once with ConnectionClosedException, and {@link #fired()} says why.
 *
 * <p>A single daemon thread polls the connection's counters a few times per limit. The command's
 * own thread never waits on this class.
 */
final class ReplyWatchdog implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ninep watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile Closeable target;
    private volatile Connection connection;
    private volatile long deadline;       // connect phase: System.nanoTime() to give up at; 0 for none
    private volatile long limitNanos;     // reply phase: longest wait for any reply; 0 for none
    private volatile boolean fired;
    private java.util.concurrent.ScheduledFuture<?> polling;   // set once, by the command's thread
    private volatile Duration firedAfter = Duration.ZERO;
    // touched by the timer thread only
    private long lastFrames = -1;
    private long lastProgress;

    /** Closes {@code what} (the transport, then the session) if connecting takes longer than {@code limit}. */
    void connecting(Closeable what, Duration limit) {
        target = what;
        firedAfter = limit;
        deadline = System.nanoTime() + limit.toNanos();
        if (polling == null) {
            long tick = Math.clamp(limit.toMillis() / 20, 5, 250);
            polling = timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        }
    }

    /** From now on, closes {@code what} when {@code c} has waited {@code limit} (null: forever) for a reply. */
    void replies(Closeable what, Connection c, Duration limit) {
        target = what;
        connection = c;
        deadline = 0;
        if (limit != null) {
            firedAfter = limit;
            limitNanos = limit.toNanos();
        } else if (polling != null) {
            polling.cancel(false);   // nothing more to watch
        }
    }

    private void tick() {
        if (fired) {
            return;
        }
        long now = System.nanoTime();
        long d = deadline;
        if (d != 0) {
            if (now - d > 0) {
                fire();
            }
            return;
        }
        Connection c = connection;
        long limit = limitNanos;
        if (c == null || limit == 0) {
            return;
        }
        long frames = c.framesReceived();
        if (c.pending() == 0 || frames != lastFrames) {
            lastFrames = frames;
            lastProgress = now;
        } else if (now - lastProgress > limit) {
            fire();
        }
    }

    private void fire() {
        fired = true;
        Closeable t = target;
        if (t != null) {
            try {
                t.close();
            } catch (IOException | RuntimeException e) {
                // the connection is being abandoned; nothing more to do
            }
        }
    }

    /** Whether the watchdog gave up on the server. */
    boolean fired() {
        return fired;
    }

    /** How long it waited before giving up. */
    Duration firedAfter() {
        return firedAfter;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
