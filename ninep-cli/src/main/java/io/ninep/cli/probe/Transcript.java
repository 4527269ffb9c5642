package io.ninep.cli.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of one check: every frame sent and received, one line each in fcall format with
 * the connection and direction ({@code c1 → Twalk tag 1 fid 0 newfid 1 nwname 0}), plus remarks.
 * Checks that repeat an exchange many times keep the lines of the rounds worth showing and
 * {@link #rewind} the rest. Used by one thread.
 */
public final class Transcript {
    private final List<String> lines = new ArrayList<>();

    public void add(String line) {
        lines.add(line);
    }

    /** A position to {@link #rewind} to. */
    public int mark() {
        return lines.size();
    }

    /** Drops every line added since {@code mark}. */
    public void rewind(int mark) {
        lines.subList(mark, lines.size()).clear();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
