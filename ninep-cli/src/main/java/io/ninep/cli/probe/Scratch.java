package io.ninep.cli.probe;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.message.Rversion;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The probe's footprint on the server: the dialect it settled on and a scratch directory
 * ({@code ninep-probe-XXXXXXXX} under the attach root) where checks create what they need. The
 * fixtures several checks share (a chain of 17 nested directories, a directory of many entries)
 * are made on first use. {@link #remove} deletes the whole tree at the end.
 */
public final class Scratch {
    /** The directory holding the walk chain: walk/d/d/.../d, 17 levels of "d". */
    public static final String WALK_DIR = "walk";
    public static final int WALK_DEPTH = 17;
    /** The directory holding {@link #READDIR_ENTRIES} files. */
    public static final String READDIR_DIR = "readdir";
    public static final int READDIR_ENTRIES = 40;

    private final Dialect dialect;
    private final String name;
    private boolean walkChain;
    private boolean readdirEntries;

    Scratch(Dialect dialect, String name) {
        this.dialect = dialect;
        this.name = name;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The scratch directory's name in the attach root. */
    public String name() {
        return name;
    }

    /**
     * Picks the dialect (the one asked for, or the best the server answers to) and makes the
     * scratch directory. Frames go to {@code transcript}.
     */
    static Scratch create(ProbeOptions o, Transcript transcript) throws IOException, ProbeFailure, InterruptedException {
        Dialect dialect = o.dialect() != null ? o.dialect() : bestDialect(o, transcript);
        String name = "ninep-probe-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Scratch s = new Scratch(dialect, name);
        CheckContext ctx = new CheckContext(o, s);
        try (Session session = ctx.session()) {
            session.mkdir(Session.ROOT, name);
        }
        ctx.transcript().lines().forEach(transcript::add);
        return s;
    }

    private static Dialect bestDialect(ProbeOptions o, Transcript transcript)
            throws IOException, ProbeFailure, InterruptedException {
        StringBuilder answers = new StringBuilder();
        int n = 0;
        for (Dialect d : List.of(Dialect.P9P2000_L, Dialect.P9P2000_U, Dialect.P9P2000)) {
            try (WireConnection w = WireConnection.dial(o.address(), o.timeout(), "v" + ++n, transcript, d, o.msize())) {
                Rversion rv = Session.version(w, o.msize(), d.versionString(), o.timeout());
                if (rv.version().equals(d.versionString())) {
                    return d;
                }
                answers.append(answers.isEmpty() ? "" : "; ").append(d).append(" → '").append(rv.version()).append('\'');
            } catch (ProbeFailure e) {
                answers.append(answers.isEmpty() ? "" : "; ").append(e.getMessage());
            }
        }
        throw new ProbeFailure("the server speaks none of 9P2000.L, 9P2000.u, 9P2000 (" + answers + ")");
    }

    /**
     * Makes walk/d/d/... ({@link #WALK_DEPTH} levels) unless done. Its frames are left out of
     * the transcript: they are preparation, not evidence.
     */
    void prepareWalkChain(Session s, Transcript t) throws IOException, ProbeFailure, InterruptedException {
        if (walkChain) {
            return;
        }
        int mark = t.mark();
        int dir = s.walk(Session.ROOT, name);
        s.mkdir(dir, WALK_DIR);
        int at = s.walk(dir, WALK_DIR);
        s.clunk(dir);
        for (int i = 0; i < WALK_DEPTH; i++) {
            s.mkdir(at, "d");
            int next = s.walk(at, "d");
            s.clunk(at);
            at = next;
        }
        s.clunk(at);
        t.rewind(mark);
        t.add("(prepared " + name + "/" + WALK_DIR + "/d/d/... with " + WALK_DEPTH + " levels of d)");
        walkChain = true;
    }

    /** Makes readdir/ with {@link #READDIR_ENTRIES} files unless done; returns their names. */
    List<String> prepareReaddir(Session s, Transcript t) throws IOException, ProbeFailure, InterruptedException {
        List<String> names = java.util.stream.IntStream.range(0, READDIR_ENTRIES)
                .mapToObj(i -> String.format("entry-%02d-%s", i, "x".repeat(31))).toList();
        if (readdirEntries) {
            return names;
        }
        int mark = t.mark();
        int dir = s.walk(Session.ROOT, name);
        s.mkdir(dir, READDIR_DIR);
        int rd = s.walk(dir, READDIR_DIR);
        s.clunk(dir);
        for (String n : names) {
            s.clunk(s.create(rd, n));
        }
        s.clunk(rd);
        t.rewind(mark);
        t.add("(prepared " + name + "/" + READDIR_DIR + " with " + READDIR_ENTRIES + " files named entry-NN-" + "x".repeat(31) + ")");
        readdirEntries = true;
        return names;
    }

    /** Removes the scratch directory and everything in it, on a connection of its own. */
    void remove(ProbeOptions o) throws IOException, ProbeFailure, InterruptedException {
        try (Session s = new CheckContext(o, this).session()) {
            s.removeTree(Session.ROOT, name);
        }
    }
}
