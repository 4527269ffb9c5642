package io.ninep.cli.probe;

import io.ninep.protocol.Dialect;
import java.time.Instant;
import java.util.List;

/**
 * A probe's findings.
 *
 * @param target the address probed
 * @param aname the tree attached
 * @param dialect the dialect the checks ran in
 * @param scratch the scratch directory used (and removed)
 * @param started when the probe began
 * @param millis how long it took
 * @param results one row per check, in the order run
 * @param remarks anything else the reader should know (a scratch directory left behind)
 */
public record Report(String target, String aname, Dialect dialect, String scratch, Instant started, long millis,
                     List<CheckResult> results, List<String> remarks) {
    public Report {
        results = List.copyOf(results);
        remarks = List.copyOf(remarks);
    }

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    public boolean failed() {
        return count(Verdict.FAIL) > 0;
    }

    public CheckResult result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id + " in this report"));
    }
}
