package io.ninep.cli;

import io.ninep.cli.files.ConnectionOptions;
import io.ninep.cli.files.Failure;
import io.ninep.cli.files.Remote;
import io.ninep.cli.files.Reported;
import io.ninep.cli.files.Reporter;
import io.ninep.protocol.Quirk;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every file command (ls, stat, cat, get, put, mkdir, rm, mv, ln, tree) shares: the
 * address, the connection options, connecting, and coreutils' conventions for messages and
 * exit status. A subclass does its work in {@link #run(Remote, Reporter)}, reports each failed
 * operand with {@link Reporter#error} and goes on with the next; a {@link Failure} ends it.
 *
 * <p>Exit status: 0 if all went well, 1 if anything failed (an operand, the connection),
 * 2 for bad usage (an unknown option, a missing operand, a bad address or option value).
 */
abstract class FileCommand implements Callable<Integer> {
    /** The last lines of every file command's --help. */
    static final String EXIT_HELP = "Exit status: 0 if all went well, 1 if anything failed (an operand, or reaching the"
            + " server), 2 for bad usage.";

    static final String ADDRESS_HELP = "the server: tcp!HOST!PORT, HOST:PORT, unix!/PATH, or 9p://HOST:PORT/PATH"
            + " (relative paths then start at PATH, and a command given no path works on PATH)";

    /** Held so that the level set below stays (java.util.logging keeps loggers weakly). */
    private static final Logger NINEP_LOG = Logger.getLogger("io.ninep");

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ADDR", description = ADDRESS_HELP)
    String address;

    // Only --help: coreutils never spends -h on help (ls -h is human-readable sizes).
    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;

    /** The subcommand's name, for messages. */
    abstract String name();

    /** The work; returns normally when done (failures of single operands reported on the way). */
    abstract void run(Remote remote, Reporter reporter) throws IOException, Failure;

    /**
     * Reports a failure about one operand ("ninep: ls: cannot access 'x': No such file or
     * directory") and goes on, unless the connection is gone: then there is nothing more to try.
     */
    static void failed(Remote remote, Reporter reporter, String what, IOException e) throws Reported {
        reporter.error(what + ": " + remote.describe(e));
        if (!remote.isOpen()) {
            throw new Reported();
        }
    }

    /** Checks the operands before connecting; throws a usage Failure if they make no sense. */
    void checkUsage() throws Failure {
    }

    @Override
    public final Integer call() {
        Reporter reporter = new Reporter(System.err, name());
        if (connection.verbose()) {
            Logs.configure(false);
        }
        // The client's INFO notes (msize cut, dialect) become our own notes, in Remote.connect.
        NINEP_LOG.setLevel(connection.verbose() ? Level.WARNING : Level.OFF);
        try {
            checkUsage();
            try (Remote remote = Remote.connect(address, connection, reporter)) {
                try {
                    run(remote, reporter);
                } catch (Reported e) {
                    // said already
                } catch (IOException e) {
                    reporter.error(remote.describe(e));
                }
                if (connection.verbose()) {
                    for (Quirk q : remote.quirks()) {
                        reporter.note("quirk: " + q);
                    }
                }
            }
        } catch (Failure f) {
            reporter.note(f.getMessage());
            if (f.status() == Failure.USAGE) {
                reporter.stream().println("Try 'ninep " + name() + " --help' for more information.");
            }
            return Math.max(f.status(), reporter.status());
        }
        return reporter.status();
    }
}
