package io.ninep.cli.files;

import io.ninep.protocol.WireString;
import java.io.PrintStream;

/**
 * A command's messages on standard error, coreutils style ("ninep: cat: /x: No such file or
 * directory"), and its exit status: 0 until something fails, then 1. Names go out as the bytes
 * they are on the server, even when they are not UTF-8.
 */
public final class Reporter {
    private final PrintStream err;
    private final String command;
    private int status;

    public Reporter(PrintStream err, String command) {
        this.err = err;
        this.command = command;
    }

    public String command() {
        return command;
    }

    /** Reports a failure: the command goes on, but will exit with status 1. */
    public void error(String text) {
        print(text);
        status = Math.max(status, Failure.FAILED);
    }

    /** A note that is not a failure. */
    public void note(String text) {
        print(text);
    }

    private void print(String text) {
        byte[] b = WireString.toBytes("ninep: " + command + ": " + text + "\n");
        err.write(b, 0, b.length);
        err.flush();
    }

    /** Raw output on standard error (the progress bar). */
    public PrintStream stream() {
        return err;
    }

    public int status() {
        return status;
    }
}
