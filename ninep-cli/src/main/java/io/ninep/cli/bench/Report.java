package io.ninep.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tables of a run, for the terminal, {@code summary.txt} and {@code summary.md}: baselines,
 * sequential throughput by msize (one table per direction and transport, a column per server,
 * backend and requests in flight), small operations, allocation, readdir, and the targets.
 */
public final class Report {
    private final List<Result> results;

    public Report(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /** Every table that has rows, in report order. */
    public List<TextTable> tables(List<TargetCheck.Verdict> verdicts) {
        List<TextTable> all = new ArrayList<>();
        all.add(baselines());
        for (String transport : List.of("tcp", "unix")) {
            for (String op : List.of("read", "write")) {
                all.add(sequential(op, transport));
            }
        }
        for (String op : List.of("read", "write")) {
            all.add(inTurn(op));
        }
        all.add(diodInTurn());
        all.add(small());
        all.add(alloc());
        all.add(readdir());
        if (verdicts != null) {
            all.add(targets(verdicts));
        }
        return all.stream().filter(t -> t.rowCount() > 0).toList();
    }

    TextTable baselines() {
        TextTable t = new TextTable("Baselines: the limits of this machine (blasts by chunk size are in the sequential tables)",
                "what", ">median", ">min", ">max", "unit", "note");
        for (Result r : results) {
            if (r.family() != Family.BASELINE || r.scenario().equals("blast") || r.scenario().equals("blast-file")
                    || SeqScenario.IN_TURN.contains(r.scenario())) {
                continue;
            }
            if (r.scenario().equals("memcpy") && !(r.msize() == 64 * 1024 || r.msize() == 1 << 20 || r.msize() == 128 << 20)) {
                continue;
            }
            t.row(r.label() + (r.metric().isLatency() ? " " + r.metric().id().replace("latency_", "") : ""),
                    TextTable.figure(r.value().median()), TextTable.figure(r.value().min()), TextTable.figure(r.value().max()),
                    r.metric().unit(), r.note());
        }
        return t;
    }

    /** A column of the sequential tables: a server, backend and in-flight count. */
    private record Column(String server, String backend, int inFlight) {
        String header() {
            return ">" + (server.equals("ninep") ? backend : server) + " x" + inFlight;
        }
    }

    TextTable sequential(String op, String transport) {
        Set<Column> columns = new LinkedHashSet<>();
        Set<Long> msizes = new java.util.TreeSet<>();
        for (Result r : results) {
            if (r.family() == Family.SEQ && r.op().equals(op) && r.transport().equals(transport)) {
                columns.add(new Column(r.server(), r.backend(), r.inFlight()));
                msizes.add(r.msize());
            }
        }
        boolean raw = results.stream().anyMatch(r -> isBaseline(r, "blast", op, transport));
        boolean rawFile = results.stream().anyMatch(r -> isBaseline(r, "blast-file", op, transport));
        List<String> headers = new ArrayList<>();
        headers.add(">msize");
        if (raw) {
            headers.add(">raw socket");
        }
        if (rawFile) {
            headers.add(">raw, file-sized memory");
        }
        columns.forEach(c -> headers.add(c.header()));
        TextTable t = new TextTable("Sequential " + op + " over " + transport + ", MiB/s (median of the repeats)",
                headers.toArray(String[]::new));
        if (columns.isEmpty()) {
            return t;
        }
        for (long m : msizes) {
            List<String> row = new ArrayList<>();
            row.add(Sizes.label(m));
            if (raw) {
                row.add(cell(results.stream().filter(r -> isBaseline(r, "blast", op, transport) && r.msize() == m).findFirst()));
            }
            if (rawFile) {
                row.add(cell(results.stream().filter(r -> isBaseline(r, "blast-file", op, transport) && r.msize() == m)
                        .findFirst()));
            }
            for (Column c : columns) {
                row.add(cell(results.stream().filter(r -> r.family() == Family.SEQ && r.op().equals(op)
                        && r.transport().equals(transport) && r.msize() == m && r.server().equals(c.server())
                        && r.backend().equals(c.backend()) && r.inFlight() == c.inFlight()).findFirst()));
            }
            t.row(row.toArray(String[]::new));
        }
        return t;
    }

    /**
     * The points a raw blast took turns with: ninep's figure, the blast's and their ratio (the
     * median of the repeats' ratios, each over the blast's window just before it), by msize (rows)
     * and backend (columns), over TCP; where a file-bound blast took turns with them too (the
     * local backend's writes: received into the file; reads of file bytes: sent from file-sized
     * memory), also that blast and their ratio to it.
     */
    TextTable inTurn(String op) {
        List<Result> blasts = results.stream().filter(r -> isBaseline(r, SeqScenario.PAIRED_BLAST, op, "tcp")).toList();
        boolean read = op.equals("read");
        List<Result> fileBound = results.stream().filter(r -> isBaseline(r, SeqScenario.pairedFile(read), op, "tcp"))
                .toList();
        Set<String> backends = new LinkedHashSet<>();
        Set<String> withFile = new LinkedHashSet<>();
        Set<Long> msizes = new java.util.TreeSet<>();
        blasts.forEach(r -> {
            backends.add(column(r));
            msizes.add(r.msize());
        });
        fileBound.forEach(r -> withFile.add(column(r)));
        List<String> headers = new ArrayList<>(List.of(">msize"));
        for (String b : backends) {
            headers.addAll(List.of(">" + b, ">raw in turn", ">ratio"));
            if (withFile.contains(b)) {
                headers.addAll(List.of(read ? ">raw file-sized" : ">raw into file", ">ratio"));
            }
        }
        TextTable t = new TextTable("Sequential " + op + " over tcp against the raw socket measured in turn with its repeats,"
                + " MiB/s, and the median of the repeats' ratios (what the sequential targets compare)",
                headers.toArray(String[]::new));
        for (long m : msizes) {
            List<String> row = new ArrayList<>(List.of(Sizes.label(m)));
            for (String b : backends) {
                Optional<Result> raw = blasts.stream().filter(r -> r.msize() == m && column(r).equals(b)).findFirst();
                Optional<Result> ours = raw.flatMap(x -> results.stream().filter(r -> r.family() == Family.SEQ
                        && r.server().equals("ninep") && r.backend().equals(x.backend()) && r.transport().equals("tcp")
                        && r.op().equals(op) && r.msize() == m && r.inFlight() == x.inFlight()).findFirst());
                row.add(cell(ours));
                row.add(cell(raw));
                row.add(ratioCell(SeqScenario.PAIRED_RATIO, op, b, m));
                if (withFile.contains(b)) {
                    row.add(cell(fileBound.stream().filter(r -> r.msize() == m && column(r).equals(b)).findFirst()));
                    row.add(ratioCell(SeqScenario.pairedFileRatio(read), op, b, m));
                }
            }
            t.row(row.toArray(String[]::new));
        }
        return t;
    }

    /**
     * The points diod's took turns with (ninep's local backend at diod's msizes, over TCP): ninep's
     * figure, diod's in turn and the median of the repeats' ratios, by direction and in-flight count.
     */
    TextTable diodInTurn() {
        TextTable t = new TextTable("Sequential I/O against diod measured in turn with its repeats, MiB/s, and the median"
                + " of the repeats' ratios (what the target against diod compares)",
                "op", ">msize", ">in flight", ">ninep/local", ">diod in turn", ">ratio", ">ratio min", ">ratio max");
        for (Result d : results) {
            if (d.family() != Family.BASELINE || !d.scenario().equals(SeqScenario.PAIRED_DIOD)) {
                continue;
            }
            Optional<Result> ours = results.stream().filter(r -> r.family() == Family.SEQ && r.server().equals("ninep")
                    && r.backend().equals(d.backend()) && r.transport().equals(d.transport()) && r.op().equals(d.op())
                    && r.msize() == d.msize() && r.inFlight() == d.inFlight()).findFirst();
            Optional<Result> ratio = results.stream().filter(r -> r.family() == Family.BASELINE
                    && r.scenario().equals(SeqScenario.PAIRED_DIOD_RATIO) && r.op().equals(d.op())
                    && r.msize() == d.msize() && r.inFlight() == d.inFlight()).findFirst();
            t.row(d.op(), Sizes.label(d.msize()), Integer.toString(d.inFlight()), cell(ours), cell(Optional.of(d)),
                    ratio.map(x -> String.format("%.2f", x.value().median())).orElse(""),
                    ratio.map(x -> String.format("%.2f", x.value().min())).orElse(""),
                    ratio.map(x -> String.format("%.2f", x.value().max())).orElse(""));
        }
        return t;
    }

    /** The in-turn table's column of a figure: its backend and in-flight count. */
    private static String column(Result r) {
        return r.backend() + " x" + r.inFlight();
    }

    /** The median of the repeats' ratios of {@code scenario} for this column and msize, or an empty cell. */
    private String ratioCell(String scenario, String op, String column, long msize) {
        return results.stream().filter(r -> isBaseline(r, scenario, op, "tcp") && column(r).equals(column)
                && r.msize() == msize).findFirst().map(x -> String.format("%.2f", x.value().median())).orElse("");
    }

    /**
     * A baseline figure of this scenario, direction and transport: a raw blast ("blast", one
     * buffer each end; "blast-file", buffers walking file-sized memory; "blast-paired", in turn
     * with a point) or the ratios of a point's repeats to the blast in turn ("ratio-in-turn").
     */
    private static boolean isBaseline(Result r, String scenario, String op, String transport) {
        return r.family() == Family.BASELINE && r.scenario().equals(scenario) && r.op().equals(op)
                && r.transport().equals(transport);
    }

    private static String cell(Optional<Result> r) {
        return r.map(x -> TextTable.number(x.value().median(), 0)).orElse("");
    }

    TextTable small() {
        TextTable t = new TextTable("Small operations: operations per second and latency (us), median of the repeats",
                "server", "op", ">in flight", ">conns", ">ops/s", ">spread", ">p50", ">p90", ">p99", ">p99.9");
        for (Result r : results) {
            if (r.metric() != Metric.RATE
                    || !(r.family() == Family.SMALL || r.scenario().equals("pingpong") || r.scenario().equals("paired"))) {
                continue;
            }
            String server = r.server().equals("ninep") ? "ninep/" + r.backend() + " " + r.transport()
                    : r.server() + " " + r.transport();
            t.row(server, r.op(), Integer.toString(r.inFlight()), Integer.toString(r.connections()),
                    TextTable.number(r.value().median(), 0), spread(r.value()), latency(r, Metric.LATENCY_P50),
                    latency(r, Metric.LATENCY_P90), latency(r, Metric.LATENCY_P99), latency(r, Metric.LATENCY_P999));
        }
        return t;
    }

    private String latency(Result rate, Metric m) {
        return results.stream().filter(r -> r.metric() == m && r.family() == rate.family() && r.scenario().equals(rate.scenario())
                        && r.server().equals(rate.server()) && r.backend().equals(rate.backend())
                        && r.transport().equals(rate.transport()) && r.op().equals(rate.op())
                        && r.inFlight() == rate.inFlight() && r.connections() == rate.connections())
                .findFirst().map(r -> TextTable.figure(r.value().median())).orElse("");
    }

    private static String spread(Summary s) {
        return s.repeats() < 2 ? "" : String.format("+-%.0f%%", 50 * s.relativeSpread());
    }

    TextTable alloc() {
        TextTable t = new TextTable("Allocation per request (one request in flight), heap bytes and pool buffers above 4K",
                "op", ">msize", ">client B", ">caller B", ">server B", ">client bufs>4K", ">server bufs>4K");
        Set<String> keys = new LinkedHashSet<>();
        for (Result r : results) {
            if (r.family() == Family.ALLOC) {
                keys.add(r.op() + "|" + r.msize());
            }
        }
        for (String k : keys) {
            String op = k.substring(0, k.indexOf('|'));
            long msize = Long.parseLong(k.substring(k.indexOf('|') + 1));
            t.row(op, Sizes.label(msize), alloc(op, msize, Metric.CLIENT_HEAP, 0), alloc(op, msize, Metric.CALLER_HEAP, 0),
                    alloc(op, msize, Metric.SERVER_HEAP, 0), alloc(op, msize, Metric.CLIENT_LARGE_BUFFERS, 3),
                    alloc(op, msize, Metric.SERVER_LARGE_BUFFERS, 3));
        }
        return t;
    }

    private String alloc(String op, long msize, Metric m, int decimals) {
        return results.stream().filter(r -> r.family() == Family.ALLOC && r.op().equals(op) && r.msize() == msize
                && r.metric() == m).findFirst().map(r -> TextTable.number(r.value().median(), decimals)).orElse("n/a");
    }

    TextTable readdir() {
        TextTable t = new TextTable("Readdir of the big directory: time per entry", "how", "server", ">msize", ">ns/entry",
                ">min", ">max", ">entries");
        for (Result r : results) {
            if (r.family() != Family.READDIR || r.metric() != Metric.TIME_PER_ENTRY) {
                continue;
            }
            String entries = results.stream().filter(x -> x.family() == Family.READDIR && x.metric() == Metric.ENTRIES
                    && x.scenario().equals(r.scenario()) && x.server().equals(r.server()) && x.backend().equals(r.backend())
                    && x.msize() == r.msize()).findFirst().map(x -> TextTable.number(x.value().median(), 0)).orElse("");
            t.row(r.scenario().equals("spi") ? "server alone (SPI)" : "client over " + r.transport(),
                    r.server().equals("ninep") ? "ninep/" + r.backend() : r.server(), Sizes.label(r.msize()),
                    TextTable.number(r.value().median(), 0), TextTable.number(r.value().min(), 0),
                    TextTable.number(r.value().max(), 0), entries);
        }
        return t;
    }

    static TextTable targets(List<TargetCheck.Verdict> verdicts) {
        TextTable t = new TextTable("Targets (issue 5), ratios of figures from this run", "target", ">measured", ">baseline",
                ">ratio", "needed", "verdict");
        for (TargetCheck.Verdict v : verdicts) {
            t.row(v.target(), Double.isNaN(v.measured()) ? "" : TextTable.figure(v.measured()) + " " + v.unit(),
                    Double.isNaN(v.baseline()) ? "" : TextTable.figure(v.baseline()),
                    Double.isNaN(v.ratio()) ? "" : String.format("%.2f", v.ratio()), v.threshold(), v.outcome().name());
        }
        return t;
    }
}
