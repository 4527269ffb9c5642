package io.ninep.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * The CSV files of a run. {@code results.csv} is in long format, one figure per row:
 *
 * <pre>
 * run          the run's start, UTC (2026-11-21T15:20:00Z): several runs can share a file
 * family       baseline, seq, small, alloc, readdir
 * scenario     blast, iperf3, pingpong, memcpy, sequential, ops, per-request, spi, client
 * server       ninep, diod, raw, iperf3, memcpy
 * backend      memory, null, local, or - (see Result)
 * transport    tcp, unix, or -
 * op           read (server to client), write (client to server), getattr, walk-clunk,
 *              open-read-clunk, pingpong, copy, readdir
 * msize        bytes (the chunk size of raw blasts and copies); 0 if none applies
 * in_flight    requests in flight in total; 0 if none applies
 * connections  connections used; 0 if none applies
 * metric       throughput, rate, latency_p50 ... (Metric)
 * unit         MiB/s, ops/s, us, B, buffers, ns, entries
 * median       the median over the repeats
 * min, max     the smallest and largest repeat
 * repeats      how many repeats
 * note         what a reader must know about the figure, or empty
 * </pre>
 *
 * {@code targets.csv}: one row per target of issue 5, with the measured value, its baseline,
 * the ratio, the threshold and the verdict.
 */
public final class CsvFormat {
    private CsvFormat() {}

    public static final String RESULTS_HEADER =
            "run,family,scenario,server,backend,transport,op,msize,in_flight,connections,metric,unit,median,min,max,repeats,note";

    public static final String TARGETS_HEADER = "target,measured,unit,baseline,ratio,threshold,verdict,detail";

    public static String results(String run, List<Result> results) {
        StringBuilder b = new StringBuilder(RESULTS_HEADER).append('\n');
        for (Result r : results) {
            Summary v = r.value();
            b.append(String.join(",", field(run), field(r.family().id()), field(r.scenario()), field(r.server()),
                    field(r.backend()), field(r.transport()), field(r.op()), Long.toString(r.msize()),
                    Integer.toString(r.inFlight()), Integer.toString(r.connections()), field(r.metric().id()),
                    field(r.metric().unit()), num(v.median()), num(v.min()), num(v.max()), Integer.toString(v.repeats()),
                    field(r.note()))).append('\n');
        }
        return b.toString();
    }

    public static String targets(List<TargetCheck.Verdict> verdicts) {
        StringBuilder b = new StringBuilder(TARGETS_HEADER).append('\n');
        for (TargetCheck.Verdict v : verdicts) {
            b.append(String.join(",", field(v.target()), num(v.measured()), field(v.unit()), num(v.baseline()),
                    num(v.ratio()), field(v.threshold()), field(v.outcome().name()), field(v.detail()))).append('\n');
        }
        return b.toString();
    }

    /** A number without grouping, at most 4 decimals, no trailing zeros; empty for NaN. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
