package io.ninep.transport;

import java.io.IOException;

/**
 * Where the file's side of {@link Transport#receiveInto} runs: the steps that write into the
 * file (splice from the pipe, pwrite), each a few system calls on descriptors and nothing else.
 * A server that writes as its users hands them to a thread wearing the user's credentials, so
 * that the kernel applies the user's rights (set-user-ID bits cleared, quotas); the steps that
 * read the socket stay on the caller.
 */
@FunctionalInterface
public interface FileWrites {

    /** Runs the steps on the calling thread. */
    FileWrites HERE = Step::run;

    /** Runs {@code step} and returns once it has. */
    void run(Step step) throws IOException;

    /** One step: system calls on descriptors, and plain fields set; no locks, no waking threads. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }
}
