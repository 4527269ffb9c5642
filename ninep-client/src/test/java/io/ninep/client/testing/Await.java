package io.ninep.client.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a state a test can observe (a counter reaching a value, a thread parking) before the
 * next scripted step. This orders steps; it never provokes a race, and the timeout is only a
 * safety net against a hung test.
 */
public final class Await {
    private Await() {}

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Until {@code thread} is parked or waiting (blocked in a call). */
    public static void parked(Thread thread) {
        until(thread.getName() + " waits", () -> {
            Thread.State s = thread.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
    }
}
