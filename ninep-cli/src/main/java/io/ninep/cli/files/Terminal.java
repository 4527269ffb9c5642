package io.ninep.cli.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, for the progress bar. Java has no isatty(2) for one
 * stream ({@code Console.isTerminal()} asks about standard input and output), so on Linux this
 * looks where /proc/self/fd/2 leads: a terminal is /dev/pts/N, /dev/ttyN or /dev/console.
 * Elsewhere it falls back to {@code System.console()}. TERM=dumb counts as no terminal.
 */
public final class Terminal {
    private Terminal() {}

    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            java.io.Console c = System.console();
            return c != null && c.isTerminal();
        }
    }
}
