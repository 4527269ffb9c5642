package io.ninep.cli.probe;

import io.ninep.cli.text.JsonWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A {@link Report} as an aligned text table or as one JSON document. */
public final class ReportFormat {
    private ReportFormat() {}

    /** How much evidence the text table shows under its rows. */
    public enum Evidence {
        /** None: one row per check. */
        NONE,
        /** The frames of FAIL and NOTE rows. */
        PROBLEMS,
        /** The frames of every row. */
        ALL
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * <pre>
     * ninep probe tcp!127.0.0.1!5640, aname '/srv', 9P2000.L, 2025-11-21 13:20:00 UTC
     * CHECK             RESULT  SUMMARY
     * version.dialects  PASS    speaks 9P2000.L; 9P2000 → 'unknown', 9P2000.u → 'unknown'
     *     c1 → Tversion tag NOTAG msize 8192 version '9P2000'
     * ...
     * 23 checks: 19 PASS, 1 FAIL, 1 NOTE, 2 SKIP (4.1 s)
     * </pre>
     */
    public static String text(Report r, Evidence evidence) {
        StringBuilder b = new StringBuilder();
        b.append("ninep probe ").append(r.target()).append(", aname '").append(r.aname()).append("', ")
                .append(r.dialect()).append(", ").append(WHEN.format(r.started())).append('\n');
        int width = "CHECK".length();
        for (CheckResult c : r.results()) {
            width = Math.max(width, c.id().length());
        }
        String row = "%-" + width + "s  %-6s  %s%n";
        b.append(String.format(row, "CHECK", "RESULT", "SUMMARY"));
        for (CheckResult c : r.results()) {
            b.append(String.format(row, c.id(), c.verdict(), c.summary()));
            boolean show = evidence == Evidence.ALL
                    || evidence == Evidence.PROBLEMS && (c.verdict() == Verdict.FAIL || c.verdict() == Verdict.NOTE);
            if (show) {
                for (String line : c.evidence()) {
                    b.append("    ").append(line).append('\n');
                }
            }
        }
        for (String remark : r.remarks()) {
            b.append("note: ").append(remark).append('\n');
        }
        b.append(r.results().size()).append(" checks: ").append(r.count(Verdict.PASS)).append(" PASS, ")
                .append(r.count(Verdict.FAIL)).append(" FAIL, ").append(r.count(Verdict.NOTE)).append(" NOTE, ")
                .append(r.count(Verdict.SKIP)).append(" SKIP (").append(String.format("%.1f s", r.millis() / 1000.0))
                .append(")\n");
        return b.toString();
    }

    /**
     * {@code {"target":..., "aname":..., "dialect":..., "started":..., "millis":...,
     * "counts":{"PASS":n,...}, "checks":[{"id","description","result","summary","millis","evidence":[...]}],
     * "remarks":[...]}}.
     */
    public static String json(Report r) {
        JsonWriter j = new JsonWriter().beginObject()
                .field("target", r.target())
                .field("aname", r.aname())
                .field("dialect", r.dialect().versionString())
                .field("scratch", r.scratch())
                .field("started", r.started().truncatedTo(ChronoUnit.SECONDS).toString())
                .field("millis", r.millis());
        j.name("counts").beginObject();
        for (Verdict v : Verdict.values()) {
            j.field(v.name(), r.count(v));
        }
        j.endObject();
        j.name("checks").beginArray();
        for (CheckResult c : r.results()) {
            j.beginObject().field("id", c.id()).field("description", c.description()).field("result", c.verdict().name())
                    .field("summary", c.summary()).field("millis", c.millis());
            j.name("evidence").beginArray();
            c.evidence().forEach(j::value);
            j.endArray().endObject();
        }
        j.endArray();
        j.name("remarks").beginArray();
        r.remarks().forEach(j::value);
        return j.endArray().endObject().toString();
    }
}
