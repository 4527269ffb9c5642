package io.ninep.cli.probe;

import java.util.List;

/**
 * One row of the report.
 *
 * @param id the check's name ("walk.17")
 * @param description what it checks, with the manual page behind it
 * @param verdict what it concluded
 * @param summary why, in one line
 * @param evidence the frames exchanged, one per line in fcall format ("c1 → Twalk tag 1 ...")
 * @param millis how long it took
 */
public record CheckResult(String id, String description, Verdict verdict, String summary, List<String> evidence,
                          long millis) {
    public CheckResult {
        evidence = List.copyOf(evidence);
    }
}
