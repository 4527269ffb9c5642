package io.ninep.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record on standard error: "12:03:04 INFO #1 tcp!127.0.0.1!40212: negotiated ...".
 *
 * <p>java.util.logging removes every handler of every logger in a shutdown hook of its own, which
 * runs beside ours: the lines a server logs while SIGTERM closes its connections would be lost.
 * So ninep's loggers ("io.ninep" and below) write through an anonymous logger that the
 * LogManager does not know and therefore does not reset.
 */
final class Logs {
    private Logs() {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** Held strongly: java.util.logging keeps loggers weakly, and the parent link must stay. */
    private static final Logger NINEP = Logger.getLogger("io.ninep");
    private static final Logger OUTPUT = Logger.getAnonymousLogger();
    private static boolean installed;

    static synchronized void configure(boolean verbose) {
        if (!installed) {
            Handler h = new ConsoleHandler();   // standard error
            h.setLevel(Level.ALL);
            h.setFormatter(new LineFormatter());
            Logger root = Logger.getLogger("");
            for (Handler old : root.getHandlers()) {
                root.removeHandler(old);
            }
            root.addHandler(h);   // anything else that logs (until the JVM's shutdown)
            OUTPUT.setUseParentHandlers(false);
            OUTPUT.addHandler(h);
            OUTPUT.setLevel(Level.ALL);
            NINEP.setParent(OUTPUT);
            installed = true;
        }
        NINEP.setLevel(verbose ? Level.FINE : Level.INFO);
    }

    private static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder b = new StringBuilder(128);
            b.append(LocalTime.now().format(TIME)).append(' ').append(r.getLevel().getName()).append(' ')
                    .append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                var w = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                b.append(w);
            }
            return b.toString();
        }
    }
}
