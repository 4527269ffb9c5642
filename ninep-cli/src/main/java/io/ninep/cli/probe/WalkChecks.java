package io.ninep.cli.probe;

import io.ninep.protocol.P9;
import io.ninep.protocol.codec.FcallFormat;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Twalk;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Walks, after walk(5): "The name '..' [...] nwname [...] must not exceed MAXWELEM (16)."; "If
 * the first element cannot be walked for any reason, Rerror is returned. Otherwise, the walk will
 * return an Rwalk message containing nwqid qids [...] nwqid is therefore either nwname or the
 * index of the first elementwise walk that failed."; "If the full sequence of nwname elements is
 * walked successfully, newfid will represent the file that results. If not, newfid (and fid) will
 * be unaffected." All run in the scratch directory's walk/d/d/... chain.
 */
final class WalkChecks {
    private WalkChecks() {}

    static List<Check> all() {
        return List.of(
                Check.of("walk.0", "Twalk of no names: Rwalk with no qids, and newfid a usable clone (walk(5))", false,
                        ctx -> full(ctx, 0)),
                Check.of("walk.1", "Twalk of one name: Rwalk with one qid, newfid usable", false, ctx -> full(ctx, 1)),
                Check.of("walk.16", "Twalk of 16 directories (MAXWELEM): Rwalk with 16 qids, one per directory "
                        + "visited, newfid usable (walk(5))", false, ctx -> full(ctx, P9.MAX_WALK_ELEMENTS)),
                Check.of("walk.17", "Twalk of 17 names, all existing: refused with an error, not walked in whole or in "
                        + "part, newfid not made (walk(5): nwname must not exceed MAXWELEM)", false, WalkChecks::tooLong),
                Check.of("walk.partial", "Twalk whose 2nd name is missing: Rwalk with 1 qid and newfid not made; a walk "
                        + "whose 1st name is missing: an error (walk(5))", false, WalkChecks::partial));
    }

    /** The names of a walk of {@code n} elements from the scratch directory down the chain. */
    private static List<String> chain(int n) {
        if (n == 0) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>(Collections.nCopies(n, "d"));
        names.set(0, Scratch.WALK_DIR);
        return names;
    }

    private static Outcome full(CheckContext ctx, int n) throws IOException, ProbeFailure, InterruptedException {
        try (Session s = ctx.session()) {
            if (n > 0) {
                ctx.scratch().prepareWalkChain(s, ctx.transcript());
            }
            int dir = ctx.scratchDir(s);
            int newFid = s.fid();
            Incoming.Reply r = s.rpc(new Twalk(dir, newFid, chain(n)));
            if (!(r.body() instanceof Rwalk(List<Qid> qids))) {
                return Outcome.fail("a walk of " + n + " existing names was answered by " + FcallFormat.format(r.frame()));
            }
            if (qids.size() != n) {
                return Outcome.fail("Rwalk carries " + qids.size() + " qids for " + n + " names");
            }
            if (qids.stream().anyMatch(q -> !q.isDirectory())) {
                return Outcome.fail("Rwalk carries a qid that is not a directory's for a chain of directories");
            }
            // Each name is a different directory, so each qid names a different file (walk(5): the
            // qids correspond, in order, to the files visited).
            long distinct = qids.stream().map(Qid::path).distinct().count();
            if (distinct != n) {
                return Outcome.fail("Rwalk carries " + n + " qids but only " + distinct + " distinct paths for " + n
                        + " different directories (walk(5): one qid per file visited, in order)");
            }
            Incoming.Reply c = s.rpc(new Tclunk(newFid));
            if (!(c.body() instanceof Rclunk)) {
                return Outcome.fail("the walk answered Rwalk, but newfid is not usable: " + FcallFormat.format(c.frame()));
            }
            return Outcome.pass("Rwalk with " + n + " qid" + (n == 1 ? "" : "s") + "; newfid usable");
        }
    }

    private static Outcome tooLong(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        int n = P9.MAX_WALK_ELEMENTS + 1;
        try (Session s = ctx.session()) {
            ctx.scratch().prepareWalkChain(s, ctx.transcript());
            int dir = ctx.scratchDir(s);
            int newFid = s.fid();
            int tag = s.tag();
            Twalk walk = new Twalk(dir, newFid, chain(n));
            s.wire().send(tag, walk);
            Incoming in = s.wire().next(ctx.timeout());
            if (in instanceof Incoming.Closed) {
                return Outcome.note("closes the connection instead of answering with an error");
            }
            if (!(in instanceof Incoming.Reply r && r.tag() == tag)) {
                return Outcome.fail("a walk of " + n + " names was answered by " + Session.describe(in));
            }
            if (r.body() instanceof Rwalk(List<Qid> qids)) {
                return Outcome.fail(qids.size() == n
                        ? "walked all " + n + " names: walk(5) limits a walk to MAXWELEM (16) names"
                        : "answered a partial walk of " + qids.size() + " names instead of refusing all " + n
                                + " (walk(5): nwname must not exceed MAXWELEM)");
            }
            if (!r.isError()) {
                return Outcome.fail("a walk of " + n + " names was answered by " + FcallFormat.format(r.frame()));
            }
            Incoming.Reply c = s.rpc(new Tclunk(newFid));
            if (c.body() instanceof Rclunk) {
                return Outcome.fail("refused with " + FcallFormat.format(r.frame()) + ", but made newfid all the same");
            }
            return Outcome.pass("refused with " + FcallFormat.format(r.frame()) + "; newfid not made");
        }
    }

    private static Outcome partial(CheckContext ctx) throws IOException, ProbeFailure, InterruptedException {
        try (Session s = ctx.session()) {
            ctx.scratch().prepareWalkChain(s, ctx.transcript());
            int dir = ctx.scratchDir(s);
            int newFid = s.fid();
            Incoming.Reply r = s.rpc(new Twalk(dir, newFid, Scratch.WALK_DIR, "missing", "d"));
            if (r.isError()) {
                return Outcome.fail("walk/missing/d was answered by " + FcallFormat.format(r.frame()) + " (walk(5): only "
                        + "a failure of the first name is an error; a later one gives an Rwalk of fewer qids)");
            }
            if (!(r.body() instanceof Rwalk(List<Qid> qids))) {
                return Outcome.fail("walk/missing/d was answered by " + FcallFormat.format(r.frame()));
            }
            if (qids.size() != 1) {
                return Outcome.fail("walk/missing/d gave " + qids.size() + " qids; walk(5): nwqid is the index of the "
                        + "first name that failed, here 1");
            }
            Incoming.Reply c = s.rpc(new Tclunk(newFid));
            if (c.body() instanceof Rclunk) {
                return Outcome.fail("walk/missing/d gave 1 qid, but newfid was made (walk(5): if the walk does not "
                        + "complete, newfid is unaffected)");
            }
            int other = s.fid();
            Incoming.Reply first = s.rpc(new Twalk(dir, other, "missing"));
            if (!first.isError()) {
                return Outcome.fail("a walk whose first name is missing was answered by "
                        + FcallFormat.format(first.frame()) + " (walk(5): Rerror is returned)");
            }
            return Outcome.pass("walk/missing/d gives 1 qid and no newfid; missing gives "
                    + FcallFormat.format(first.frame()));
        }
    }
}
