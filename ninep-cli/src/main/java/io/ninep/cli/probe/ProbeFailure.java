package io.ninep.cli.probe;

/**
 * The server did something that ends a check: it closed the connection, went silent, answered
 * with the wrong tag or type, or refused a step the check needed. The message says what, in words
 * that can stand as the report's summary.
 */
public final class ProbeFailure extends Exception {
    public ProbeFailure(String message) {
        super(message);
    }
}
