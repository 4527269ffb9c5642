package io.ninep.client;

import java.time.Duration;

/**
 * The server stopped answering: it did not answer Tversion within the connect timeout, or a
 * Tclunk/Tremove (which cannot be flushed) within the reply timeout. The client closed the
 * connection rather than wait for ever. Every request pending on it fails with a
 * ConnectionClosedException whose cause is this exception (the outer one's stack shows the call).
 */
public final class NoReplyException extends ConnectionClosedException {
    private final Duration waited;

    public NoReplyException(String message, Duration waited) {
        super(message);
        this.waited = waited;
    }

    /** How long the client waited before giving up. */
    public Duration waited() {
        return waited;
    }
}
