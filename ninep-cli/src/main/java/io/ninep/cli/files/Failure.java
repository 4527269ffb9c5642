package io.ninep.cli.files;

/**
 * A failure that ends a file command: its message is what follows "ninep: CMD: " on standard
 * error, and {@link #status()} the exit status (1 for a failure, 2 for bad usage).
 */
public final class Failure extends Exception {
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int status;

    public Failure(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    public static Failure failed(String message) {
        return new Failure(message, FAILED);
    }

    public static Failure usage(String message) {
        return new Failure(message, USAGE);
    }

    public int status() {
        return status;
    }
}
