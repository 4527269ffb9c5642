package io.ninep.cli.bench;

import java.util.Locale;

/** The scenario families of {@code ninep bench}, as --only and --skip name them. */
public enum Family {
    /** The physical limits: raw loopback TCP and Unix-socket blasts, iperf3, socket ping-pong, memory copy. */
    BASELINE("raw sockets, iperf3, ping-pong and memory copy: the limits of this machine"),
    /** Sequential read and write of a large file against msize, 1 and N requests in flight. */
    SEQ("sequential read and write of a large file against msize"),
    /** Small operations per second and their latency percentiles. */
    SMALL("Tgetattr, walk+clunk, walk+open+read 4 KiB+clunk: rate and latency"),
    /** Heap bytes and pool buffers per small request, at several msizes. */
    ALLOC("heap bytes and pool buffers per small request, client and server"),
    /** Reading a directory of 10 000 entries. */
    READDIR("a directory of 10 000 entries: time per entry, server alone and end to end");

    private final String description;

    Family(String description) {
        this.description = description;
    }

    /** The name on the command line and in the CSV: "seq", "small", ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** The family named {@code id} (case-insensitive). */
    public static Family parse(String id) {
        for (Family f : values()) {
            if (f.id().equalsIgnoreCase(id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("no scenario family '" + id + "' (families: baseline, seq, small, alloc, readdir)");
    }
}
