package io.ninep.transport;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Talks 9P to a child process over its stdin and stdout: spawn a server (for example
 * {@code ninep serve --stdio DIR}, or {@code ssh host ninep serve --stdio DIR}) and be its client.
 * The child's stderr goes to ours. Closing the transport closes the pipes and, if the child has
 * not exited a few seconds later, destroys it.
 */
public final class ProcessTransport extends StreamTransport {
    private final Process process;

    private ProcessTransport(Process process, String peer) {
        super(process.getInputStream(), process.getOutputStream(), "pipe", peer);
        this.process = process;
    }

    public static ProcessTransport spawn(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new ProcessTransport(p, "exec!" + String.join(" ", command));
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
