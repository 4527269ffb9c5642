package io.ninep.cli.files;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress bar of get and put, redrawn in place on standard error (carriage return, no
 * newline until the end) at most ten times a second, and the first time bytes arrive:
 * <pre>
 * big.iso   45% [#########...........]  45.0 MiB / 100.0 MiB  12.3 MiB/s  ETA 0:04
 * big.iso  100% [####################] 100.0 MiB  12.3 MiB/s  in 8.1 s
 * </pre>
 * With no known total (standard input, a synthetic file of size 0) it shows bytes and rate.
 * A disabled bar prints nothing at all.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 20;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int lastWidth;
    private boolean drawn;

    /**
     * @param total the bytes expected, or -1 if unknown
     * @param clock nanoseconds, as System::nanoTime
     */
    public Progress(PrintStream out, String label, long total, boolean enabled, LongSupplier clock) {
        this.out = out;
        this.label = label.length() > 24 ? label.substring(0, 23) + "~" : label;
        this.total = total;
        this.enabled = enabled;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    public boolean enabled() {
        return enabled;
    }

    /** {@code done} bytes so far; redraws if a tenth of a second has passed (or nothing was drawn yet). */
    public void update(long done) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(line(done, now, false));
    }

    /** The final line, and a newline. */
    public void finish(long done) {
        if (!enabled) {
            return;
        }
        draw(line(done, clock.getAsLong(), true));
        out.print('\n');
        out.flush();
        drawn = false;
    }

    /** Ends the bar's line without a final state (before an error message). */
    public void abandon() {
        if (enabled && drawn) {
            out.print('\n');
            out.flush();
            drawn = false;
        }
    }

    private void draw(String line) {
        StringBuilder b = new StringBuilder(line.length() + 8).append('\r').append(line);
        if (line.length() < lastWidth) {
            b.append(" ".repeat(lastWidth - line.length()));
        }
        lastWidth = line.length();
        out.print(b);
        out.flush();
        drawn = true;
    }

    String line(long done, long now, boolean last) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder(96).append(label);
        if (total > 0) {
            int pct = (int) Math.min(100, done * 100 / total);
            int filled = (int) Math.min(BAR, done * BAR / total);
            b.append(String.format(Locale.ROOT, " %4d%% [", pct)).append("#".repeat(filled))
                    .append(".".repeat(BAR - filled)).append("] ");
        } else {
            b.append("  ");
        }
        b.append(String.format(Locale.ROOT, "%9s", Sizes.binary(done)));
        if (total > 0 && !last) {
            b.append(" / ").append(Sizes.binary(total));
        }
        b.append(String.format(Locale.ROOT, "  %5.1f MiB/s", rate / (1 << 20)));
        if (last) {
            b.append("  in ").append(seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : clock(seconds));
        } else if (total > 0 && rate > 0 && done <= total) {
            b.append("  ETA ").append(clock((total - done) / rate));
        } else if (total > 0) {
            b.append("  ETA --:--");
        }
        return b.toString();
    }

    /** "0:04", "12:30", "1:02:03". */
    static String clock(double seconds) {
        long s = (long) Math.ceil(seconds);
        long h = s / 3600;
        long m = s / 60 % 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
