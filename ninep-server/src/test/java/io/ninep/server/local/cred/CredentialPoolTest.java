package io.ninep.server.local.cred;

import io.ninep.protocol.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ninep.protocol.ErrnoException;
import io.ninep.server.local.sys.ThreadCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-thread credentials and the pool that wears them. Needs root. */
class CredentialPoolTest {
    @TempDir
    Path dir;

    @Test
    void becomeChangesOnlyTheCallingThreadAndRestoreUndoesIt() throws Exception {
        Prerequisites.requireRoot("switching credentials");
        int rootCaps = ThreadCredentials.effectiveCapabilities();
        AtomicReference<int[]> inside = new AtomicReference<>();
        AtomicReference<int[]> otherThread = new AtomicReference<>();
        AtomicReference<int[]> after = new AtomicReference<>();
        CountDownLatch switched = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                ThreadCredentials.Saved saved = ThreadCredentials.current();
                ThreadCredentials.become(1000, 1234, new int[] {1234, 5678});
                int[] ids = ThreadCredentials.fsIds();
                ThreadCredentials.Saved now = ThreadCredentials.current();
                inside.set(new int[] {ids[0], ids[1], ThreadCredentials.effectiveCapabilities(), now.groups().length});
                switched.countDown();
                looked.await();
                ThreadCredentials.restore(saved);
                int[] back = ThreadCredentials.fsIds();
                after.set(new int[] {back[0], back[1], ThreadCredentials.effectiveCapabilities()});
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        switched.await();
        int[] mine = ThreadCredentials.fsIds();
        otherThread.set(new int[] {mine[0], mine[1], ThreadCredentials.effectiveCapabilities()});
        looked.countDown();
        worker.join();
        assertThat(inside.get()).containsExactly(1000, 1234, 0, 2);
        assertThat(otherThread.get()).containsExactly(0, 0, rootCaps);
        assertThat(after.get()).containsExactly(0, 0, rootCaps);
    }

    @Test
    void poolActionsRunAsTheUserAndTheCallerWaitsThroughInterrupts() throws Exception {
        Prerequisites.requireRoot("switching credentials");
        Files.writeString(dir.resolve("secret"), "s");
        try (CredentialPool pool = new CredentialPool(2)) {
            Credentials alice = new Credentials(1000, 1000, new int[] {1000});
            int[] ids = pool.run(alice, 4321, () -> {
                int[] fs = ThreadCredentials.fsIds();
                return new int[] {fs[0], fs[1], ThreadCredentials.effectiveCapabilities()};
            });
            assertThat(ids).containsExactly(1000, 4321, 0);
            assertThatThrownBy(() -> pool.run(alice, 1000, () -> {
                throw new ErrnoException(13, "denied");
            })).isInstanceOf(ErrnoException.class).hasMessage("denied");
            // A flush interrupts the waiting request: the action still completes, the interrupt stays set.
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Boolean> result = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    String v = pool.run(alice, 1000, () -> {
                        started.countDown();
                        long until = System.nanoTime() + 200_000_000L;
                        while (System.nanoTime() < until) {
                            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                        }
                        return "done";
                    });
                    result.complete(v.equals("done") && Thread.currentThread().isInterrupted());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
            started.await();
            caller.interrupt();
            assertThat(result.get()).isTrue();
        }
    }
}
