package io.ninep.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a state a test can observe (pages back in a pool, a request held) before the next
 * step. It orders steps and never provokes a race; the timeout only keeps a broken server from
 * hanging the test.
 */
public final class Await {
    private Await() {}

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, if it does not within {@link #TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }
}
