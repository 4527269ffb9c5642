package io.ninep.cli;

import io.ninep.cli.files.Progress;
import io.ninep.cli.files.Terminal;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** The options get and put share (a picocli mixin). */
final class TransferOptions {

    @Option(names = {"-f", "--force"}, description = "replace the target if it exists (default: refuse)")
    boolean force;

    @Option(names = {"-p", "--preserve"}, description = "give the copy the source's modification time and permission bits")
    boolean preserve;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar, even on a terminal (or with --progress)")
    boolean quiet;

    @Option(names = "--progress", description = "a progress bar even when standard error is not a terminal")
    boolean progress;

    /** The progress bar: on a terminal, or anywhere with --progress; never with -q. */
    Progress bar(PrintStream err, String label, long total) {
        boolean on = !quiet && (progress || Terminal.stderrIsTerminal());
        return new Progress(err, label, total, on, System::nanoTime);
    }
}
