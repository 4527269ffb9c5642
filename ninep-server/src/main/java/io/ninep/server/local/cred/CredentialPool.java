package io.ninep.server.local.cred;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.server.local.sys.ThreadCredentials;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform threads that run file-system work with another user's credentials, for a server
 * that runs as root and acts for the users that attach.
 *
 * <h2>Why platform threads, and why per task</h2>
 * Linux checks file permissions against the calling thread's fsuid, fsgid, supplementary groups
 * and effective capabilities, and each thread has its own (see {@link ThreadCredentials}).
 * Requests run on virtual threads, which hop between carrier threads, so a virtual thread
 * cannot own credentials. Instead a request hands its work to one of these workers and waits.
 * For each task the worker:
 * <ol>
 *   <li>becomes the user: setgroups, setfsgid, setfsuid with raw syscalls (glibc's setgroups
 *       would change every thread of the process), and empties its effective capability set
 *       (so a user cannot, say, set trusted.* or security.capability attributes, or bypass
 *       quotas);
 *   <li>runs the work;
 *   <li>restores root's credentials (capabilities first, from the permitted set it kept);
 *   <li>only then completes the task, which wakes the waiting virtual thread.
 * </ol>
 *
 * <p>The order matters beyond tidiness: a thread that Linux creates inherits the credentials of
 * the thread that created it, and waking a virtual thread can make the virtual-thread scheduler
 * start a carrier thread from the waking thread. A worker therefore never wakes anyone while it
 * wears a user's credentials. The same rule binds the work itself: <b>an action given to this
 * pool may make system calls and build plain objects, but must not release locks, complete
 * futures, or touch shared structures that may block or wake other threads.</b> If root's
 * credentials cannot be restored (which would take a kernel that refuses root its own permitted
 * capabilities), the process halts rather than let a thread with mixed credentials go on.
 *
 * <p>Limits: each task pays two handoffs between threads and about ten system calls; tasks of
 * different users share the workers, up to {@code threads} at once; a class loaded for the
 * first time while a worker wears a user's credentials is read with those credentials (the
 * class path's jars are opened by the class loader before, so this matters only for class
 * directories a user cannot read).
 */
public final class CredentialPool implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor executor;

    public CredentialPool(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> new Worker(task, "ninep-credentials-" + pool + "-" + count.incrementAndGet()));
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code action} as {@code credentials} with {@code gid} as the fsgid, and waits for it. */
    public <T> T run(Credentials credentials, int gid, Actor.Action<T> action) throws IOException {
        FutureTask<T> task = new FutureTask<>(() -> runAs(credentials, gid, action));
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            throw new ErrnoException(Errno.EIO, "the file server is closed");
        }
        return await(task);
    }

    private static <T> T runAs(Credentials credentials, int gid, Actor.Action<T> action) throws IOException {
        Worker self = (Worker) Thread.currentThread();
        ThreadCredentials.Saved root = self.root;
        if (root == null) {
            throw new ErrnoException(Errno.EPERM, "cannot act for " + credentials + ": " + self.failure);
        }
        try {
            ThreadCredentials.become(credentials.uid(), gid, credentials.groupsArray());
            return action.run();
        } finally {
            restore(root);
        }
    }

    private static void restore(ThreadCredentials.Saved root) {
        try {
            ThreadCredentials.restore(root);
        } catch (Throwable t) {
            System.err.println("ninep: FATAL: cannot restore root credentials of " + Thread.currentThread().getName()
                    + " (" + t + "); halting rather than run with mixed credentials");
            Runtime.getRuntime().halt(70);
        }
    }

    /** Waits for the task even if interrupted (a flush): the work is short and must not be abandoned half done. */
    private static <T> T await(FutureTask<T> task) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    switch (cause) {
                        case IOException io -> throw io;
                        case RuntimeException re -> throw re;
                        case Error er -> throw er;
                        default -> throw new IOException(cause);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the workers; tasks already queued still run. */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** A worker notes the credentials it started with (root's), before it ever switches. */
    private static final class Worker extends Thread {
        private volatile ThreadCredentials.Saved root;
        private volatile Throwable failure;

        Worker(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                ThreadCredentials.Saved saved = ThreadCredentials.current();
                if (saved.fsuid() == 0) {
                    root = saved;
                } else {
                    failure = new IllegalStateException("worker started with fsuid " + saved.fsuid());
                }
            } catch (Throwable t) {
                failure = t;
            }
            super.run();
        }
    }
}
