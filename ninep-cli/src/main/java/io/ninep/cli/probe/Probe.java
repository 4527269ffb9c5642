package io.ninep.cli.probe;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a battery of wire-level checks against a 9P server and collects the verdicts. Order:
 * set up (pick the dialect, make a scratch directory), the ordinary checks, remove the scratch
 * directory, then the hostile checks, each on a connection of its own, stopping once the server
 * is gone. A check whose server died on it says so; the checks after it are skipped.
 */
public final class Probe {
    /** How a summary says the server died; the runner looks for it. */
    static final String DIED = "no longer accepts connections";

    private Probe() {}

    public static Report run(ProbeOptions o) throws ProbeSetupException, InterruptedException {
        return run(o, Checks.all());
    }

    public static Report run(ProbeOptions o, List<Check> checks) throws ProbeSetupException, InterruptedException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Transcript setup = new Transcript();
        Scratch scratch;
        try {
            scratch = Scratch.create(o, setup);
        } catch (IOException | ProbeFailure e) {
            throw new ProbeSetupException("cannot set up against " + o.address() + ": " + e.getMessage(),
                    setup.lines(), e);
        }
        List<CheckResult> results = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        String deadAfter = null;
        for (Check c : checks) {
            if (!c.hostile()) {
                deadAfter = runOrSkip(c, o, scratch, results, deadAfter);
            }
        }
        if (deadAfter == null) {
            try {
                scratch.remove(o);
            } catch (IOException | ProbeFailure e) {
                remarks.add("the scratch directory " + scratch.name() + " could not be removed: " + e.getMessage());
            }
        } else {
            remarks.add("the scratch directory " + scratch.name() + " was left behind: the server died in " + deadAfter);
        }
        for (Check c : checks) {
            if (c.hostile()) {
                deadAfter = runOrSkip(c, o, scratch, results, deadAfter);
            }
        }
        return new Report(o.address().toString(), o.aname(), scratch.dialect(), scratch.name(), started,
                (System.nanoTime() - t0) / 1_000_000, results, remarks);
    }

    /** Runs {@code c} if selected and the server lives; returns the check the server died in, if any. */
    private static String runOrSkip(Check c, ProbeOptions o, Scratch scratch, List<CheckResult> results,
                                    String deadAfter) throws InterruptedException {
        if (!o.selects(c.id(), c.hostile())) {
            if (c.hostile() && !o.excludes(c.id())) {
                results.add(new CheckResult(c.id(), c.description(), Verdict.SKIP,
                        "hostile: runs only with --hostile (it crashes some servers)", List.of(), 0));
            }
            return deadAfter;
        }
        if (deadAfter != null) {
            results.add(new CheckResult(c.id(), c.description(), Verdict.SKIP,
                    "not run: the server stopped accepting connections in " + deadAfter, List.of(), 0));
            return deadAfter;
        }
        CheckContext ctx = new CheckContext(o, scratch);
        long t0 = System.nanoTime();
        Outcome out;
        try {
            out = c.run(ctx);
        } catch (ProbeFailure e) {
            out = Outcome.fail(e.getMessage());
        } catch (IOException e) {
            out = Outcome.fail("I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            out = Outcome.fail("the probe itself failed: " + e);
        }
        boolean died = out.verdict() == Verdict.FAIL && out.summary().contains(DIED);
        if (out.verdict() == Verdict.FAIL && !died && !ctx.serverAlive()) {
            died = true;
            out = Outcome.fail(out.summary() + "; then the server died: it " + DIED);
        }
        results.add(new CheckResult(c.id(), c.description(), out.verdict(), out.summary(), ctx.transcript().lines(),
                (System.nanoTime() - t0) / 1_000_000));
        return died ? c.id() : deadAfter;
    }
}
