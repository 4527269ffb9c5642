package io.ninep.cli.probe;

import static io.ninep.cli.probe.Session.describe;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.P9;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Rversion;
import io.ninep.protocol.message.Rwrite;
import io.ninep.protocol.message.Tread;
import io.ninep.protocol.message.Tversion;
import io.ninep.protocol.message.Twrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Version negotiation, after version(5): "The server responds with its own maximum, msize, which
 * must be less than or equal to the client's value. Thenceforth, both sides of the connection
 * must honor this limit." and "If the server does not understand the client's version string, it
 * should respond with an Rversion message (not Rerror) with the version string the 7 characters
 * 'unknown'."
 */
final class VersionChecks {
    private VersionChecks() {}

    /** The msize requests the issue asks about: 4096, 8 KiB, 1 MiB, 4 MiB, 128 MiB and 2^32-1. */
    static final List<Long> MSIZES = List.of(4096L, 8192L, 1L << 20, 4L << 20, 128L << 20, 0xFFFF_FFFFL);

    static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.of("version.dialects",
                "Tversion of 9P2000, 9P2000.u and 9P2000.L: which it speaks; each answer is the version asked, an "
                        + "earlier one or 'unknown', never Rerror (version(5))", false, VersionChecks::dialects));
        for (long m : MSIZES) {
            checks.add(Check.of("msize." + m, "Tversion msize " + m + ": the answer is <= " + m + " and >= 4096, and a "
                    + "frame of the answered size goes through both ways (version(5))", false, ctx -> msize(ctx, m)));
        }
        checks.add(Check.of("msize.below-4096",
                "Tversion msize 4095 and 100: refused (error or close), since nothing useful fits below 4096 "
                        + "and Linux refuses it", false, VersionChecks::belowMinimum));
        checks.add(Check.of("version.unknown",
                "Tversion '9P1999' and '9P2000.bogus': Rversion 'unknown' (or '9P2000' for the suffixed one), "
                        + "not Rerror (version(5))", false, VersionChecks::unknownVersion));
        return checks;
    }

    /** Sends Tversion on a fresh connection and returns what came back. */
    static Incoming exchange(WireConnection w, long msize, String version, Duration timeout)
            throws IOException, InterruptedException {
        w.expectMsize(msize);
        w.send(P9.NOTAG, new Tversion((int) msize, version));
        Incoming in = w.next(timeout);
        if (in instanceof Incoming.Reply r && r.body() instanceof Rversion rv) {
            Dialect.fromVersionString(rv.version()).ifPresent(w::dialect);
        }
        return in;
    }

    private static Outcome dialects(CheckContext ctx) throws IOException, InterruptedException {
        List<String> speaks = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Dialect d : List.of(Dialect.P9P2000, Dialect.P9P2000_U, Dialect.P9P2000_L)) {
            try (WireConnection w = ctx.connect()) {
                Incoming in = exchange(w, 8192, d.versionString(), ctx.timeout());
                if (in instanceof Incoming.Reply r && r.body() instanceof Rversion(int m, String v)) {
                    if (v.equals(d.versionString())) {
                        speaks.add(d.versionString());
                    } else if (v.equals("unknown") || d.versionString().startsWith(v + ".") && v.startsWith("9P")) {
                        others.add(d + " → '" + v + "'");
                    } else {
                        problems.add(d + " answered '" + v + "', which is neither the version asked, an earlier one, "
                                + "nor 'unknown' (version(5))");
                    }
                    if (Integer.toUnsignedLong(m) > 8192) {
                        problems.add(d + " answered msize " + Integer.toUnsignedLong(m) + " to 8192 (version(5): <=)");
                    }
                    if (r.tag() != P9.NOTAG) {
                        problems.add(d + " answered with tag " + r.tag() + " instead of NOTAG");
                    }
                } else if (in instanceof Incoming.Reply r && r.isError()) {
                    problems.add(d + " answered " + FcallFormat.format(r.frame())
                            + " (version(5): an Rversion 'unknown', not Rerror)");
                } else {
                    problems.add(d + " answered " + describe(in));
                }
            }
        }
        String summary = "speaks " + (speaks.isEmpty() ? "none" : String.join(", ", speaks))
                + (others.isEmpty() ? "" : "; " + String.join(", ", others));
        return problems.isEmpty() ? Outcome.pass(summary) : Outcome.fail(String.join("; ", problems) + "; " + summary);
    }

    private static Outcome msize(CheckContext ctx, long asked) throws IOException, ProbeFailure, InterruptedException {
        Dialect d = ctx.dialect();
        try (WireConnection w = ctx.connect()) {
            Incoming in = exchange(w, asked, d.versionString(), ctx.timeout());
            if (in instanceof Incoming.Reply r && r.isError()) {
                return Outcome.fail("refuses it with " + FcallFormat.format(r.frame()) + " instead of answering its own "
                        + "maximum (version(5): the server answers an msize less than or equal to the client's)");
            }
            if (!(in instanceof Incoming.Reply r && r.body() instanceof Rversion(int m, String v))) {
                return Outcome.fail("misreads it: answered " + describe(in));
            }
            long answered = Integer.toUnsignedLong(m);
            if (!v.equals(d.versionString())) {
                return Outcome.fail("answered '" + v + "' to " + d + ", which it speaks at other sizes");
            }
            if (answered > asked) {
                return Outcome.fail("answers " + answered + ", above the " + asked + " asked (version(5): the server's "
                        + "msize must be less than or equal to the client's)");
            }
            if (answered < P9.MIN_MSIZE) {
                return Outcome.fail("answers " + answered + ": below 4096, too small for a session; a misread size?");
            }
            String how = answered == asked ? "takes " + answered + " as asked" : "clamps to " + answered;
            if (answered > ctx.options().verifyLimit()) {
                if (answered == 0xFFFF_FFFFL) {
                    return Outcome.fail("echoes " + answered + ": no server holds a 4 GiB frame, so this is a size it "
                            + "cannot honour, answered instead of its own maximum (version(5))");
                }
                return Outcome.note(how + "; not verified: a frame of that size is above --verify-limit "
                        + ctx.options().verifyLimit());
            }
            return verifyMsize(ctx, w, d, answered, how);
        }
    }

    /**
     * Proves the answered msize on the same connection, both ways: a Twrite frame of exactly msize
     * bytes must be taken, and a Tread of count msize - 11 (an Rread of exactly msize) must come
     * back within msize.
     */
    private static Outcome verifyMsize(CheckContext ctx, WireConnection w, Dialect d, long msize, String how)
            throws IOException, ProbeFailure, InterruptedException {
        Session s = Session.attach(w, d, msize, ctx.options());
        int dir = ctx.scratchDir(s);
        String name = "msize-" + msize;
        int f = s.create(dir, name);
        int size = (int) msize;
        ByteBuffer data = ByteBuffer.allocate(size - Twrite.HEADER_SIZE);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) ('a' + i % 26));
        }
        Incoming.Reply wr = s.rpc(new Twrite(f, 0, data));
        if (!(wr.body() instanceof Rwrite(int count))) {
            // Tell an off-by-one (data up to msize - 24, Plan 9's IOHDRSZ, for a 23-byte header) from a wrong msize.
            Incoming.Reply shorter = s.rpc(new Twrite(f, 0, data.slice(0, data.capacity() - 1)));
            String taken = shorter.body() instanceof Rwrite
                    ? ", while one of " + (msize - 1) + " was taken: it honours msize - 1, reserving Plan 9's 24-byte "
                            + "IOHDRSZ for Twrite's 23-byte header (clients that reserve IOHDRSZ never notice)"
                    : ", and one of " + (msize - 1) + " too (" + FcallFormat.format(shorter.frame()) + ")";
            return Outcome.fail(how + ", yet a Twrite frame of exactly " + msize + " bytes was refused ("
                    + FcallFormat.format(wr.frame()) + ")" + taken);
        }
        // Make the file long enough for an Rread of exactly msize: msize - 11 bytes of data.
        long length = Integer.toUnsignedLong(count);
        while (length < msize - 11) {
            int n = (int) Math.min(msize - 11 - length, msize - P9.IO_HEADER_SIZE);
            length += Integer.toUnsignedLong(s.write(f, length, data.slice(0, n)));
        }
        Incoming.Reply rr = s.rpc(new Tread(f, 0, size - 11));
        if (!(rr.body() instanceof Rread)) {
            return Outcome.fail(how + " and took a Twrite frame of " + msize + " bytes, but failed a Tread of count "
                    + (msize - 11) + ": " + FcallFormat.format(rr.frame()));
        }
        if (rr.size() > msize) {
            return Outcome.fail(how + ", but answered a Tread of count " + (msize - 11) + " with an Rread frame of "
                    + rr.size() + " bytes, above msize");
        }
        s.clunk(f);
        s.remove(dir, name, false);
        return Outcome.pass(how + "; a Twrite frame of " + msize + " bytes was taken (count " + Integer.toUnsignedLong(count)
                + ") and an Rread frame of " + rr.size() + " bytes came back");
    }

    private static Outcome belowMinimum(CheckContext ctx) throws IOException, InterruptedException {
        List<String> refused = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (long asked : List.of(4095L, 100L)) {
            try (WireConnection w = ctx.connect()) {
                Incoming in = exchange(w, asked, ctx.dialect().versionString(), ctx.timeout());
                switch (in) {
                    case Incoming.Reply r when r.isError() -> refused.add(asked + " → " + FcallFormat.format(r.frame()));
                    case Incoming.Reply r when r.body() instanceof Rversion(int m, String v) -> {
                        long answered = Integer.toUnsignedLong(m);
                        if (v.equals("unknown")) {
                            refused.add(asked + " → 'unknown'");
                        } else if (answered > asked) {
                            problems.add("answers " + answered + " to " + asked + ", above the size asked (version(5): <=)");
                        } else {
                            problems.add("accepts msize " + answered + " (asked " + asked + ")");
                        }
                    }
                    case Incoming.Closed c -> refused.add(asked + " → closes the connection");
                    default -> problems.add("answers " + asked + " with " + describe(in));
                }
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + ": below 4096 there is no room for an Rgetattr (160 bytes) "
                    + "or a full Rerror, and Linux refuses such an msize");
        }
        return Outcome.pass("refuses both: " + String.join("; ", refused));
    }

    private static Outcome unknownVersion(CheckContext ctx) throws IOException, InterruptedException {
        List<String> answers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        record Ask(String version, List<String> allowed) {}
        for (Ask a : List.of(new Ask("9P1999", List.of("unknown")), new Ask("9P2000.bogus", List.of("unknown", "9P2000")))) {
            try (WireConnection w = ctx.connect()) {
                Incoming in = exchange(w, 8192, a.version(), ctx.timeout());
                if (in instanceof Incoming.Reply r && r.body() instanceof Rversion(int m, String v)) {
                    if (a.allowed().contains(v)) {
                        answers.add("'" + a.version() + "' → '" + v + "'");
                    } else {
                        problems.add("'" + a.version() + "' answered '" + v + "' (version(5) allows " + String.join(" or ",
                                a.allowed().stream().map(x -> "'" + x + "'").toList()) + ")");
                    }
                } else if (in instanceof Incoming.Reply r && r.isError()) {
                    problems.add("'" + a.version() + "' answered " + FcallFormat.format(r.frame())
                            + " (version(5): Rversion 'unknown', not Rerror)");
                } else {
                    problems.add("'" + a.version() + "' answered " + describe(in)
                            + " (version(5): Rversion 'unknown')");
                }
            }
        }
        return problems.isEmpty() ? Outcome.pass(String.join("; ", answers)) : Outcome.fail(String.join("; ", problems));
    }
}
