package io.ninep.cli.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The PNG charts of a run, drawn from its results: throughput against msize for each direction
 * and transport (every server, backend and in-flight count, with the raw socket, iperf3 and the
 * memory copy as the limits), small-operation rates and latency percentiles, allocation per
 * request, and readdir time per entry.
 */
public final class Charts {
    static final int WIDTH = 1100;
    static final int HEIGHT = 620;

    private final List<Result> results;
    private final String subtitle;

    /**
     * @param subtitle the machine and the method, one or two lines
     */
    public Charts(List<Result> results, String subtitle) {
        this.results = List.copyOf(results);
        this.subtitle = subtitle;
    }

    /** Writes every chart that has data into {@code dir}; returns the files written. */
    public List<Path> writeAll(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String transport : List.of("tcp", "unix")) {
            for (String op : List.of("read", "write")) {
                LineChart c = sequential(op, transport);
                if (c != null) {
                    Path f = dir.resolve("seq-" + op + "-" + transport + ".png");
                    c.write(f);
                    written.add(f);
                }
            }
        }
        BarChart rate = smallRate();
        if (rate != null) {
            written.add(write(rate, dir.resolve("small-rate.png")));
        }
        for (int n : new int[] {1, 32}) {
            BarChart lat = smallLatency(n);
            if (lat != null) {
                written.add(write(lat, dir.resolve("small-latency-x" + n + ".png")));
            }
        }
        BarChart alloc = alloc();
        if (alloc != null) {
            written.add(write(alloc, dir.resolve("alloc.png")));
        }
        BarChart readdir = readdir();
        if (readdir != null) {
            written.add(write(readdir, dir.resolve("readdir.png")));
        }
        return written;
    }

    private static Path write(BarChart c, Path f) throws IOException {
        c.write(f);
        return f;
    }

    /** Throughput against msize, or null if the run has no such figures. */
    LineChart sequential(String op, String transport) {
        List<LineChart.Series> series = new ArrayList<>();
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.family() == Family.SEQ && r.op().equals(op) && r.transport().equals(transport)) {
                groups.computeIfAbsent(r.server() + "/" + r.backend(), k -> new ArrayList<>()).add(r);
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        series.add(line("raw socket", Color.BLACK, false, 1,
                r -> r.family() == Family.BASELINE && r.scenario().equals("blast") && r.op().equals(op)
                        && r.transport().equals(transport)));
        series.add(line("raw, file-sized memory", Color.BLACK, true, 1,
                r -> r.family() == Family.BASELINE && r.scenario().equals("blast-file") && r.op().equals(op)
                        && r.transport().equals(transport)));
        if (transport.equals("tcp")) {
            series.add(line("iperf3", new Color(0x888888), false, 3,
                    r -> r.family() == Family.BASELINE && r.scenario().equals("iperf3")));
        }
        series.add(line("memory copy", new Color(0xAAAAAA), true, 1, r -> r.scenario().equals("memcpy")));
        int colour = 0;
        for (var g : groups.entrySet()) {
            Set<Integer> inFlight = new LinkedHashSet<>();
            g.getValue().forEach(r -> inFlight.add(r.inFlight()));
            Color c = LineChart.color(colour++);
            for (int n : inFlight.stream().sorted().toList()) {
                String name = (g.getKey().startsWith("diod/") ? "diod" : g.getKey()) + ", " + n + " in flight";
                series.add(line(name, c, n == 1, colour, r -> g.getValue().contains(r) && r.inFlight() == n));
            }
        }
        series.removeIf(s -> s.points().isEmpty());
        return new LineChart("Sequential " + op + " over " + (transport.equals("tcp") ? "TCP" : "a Unix socket")
                        + " loopback: throughput against msize", subtitle, "msize (bytes, log scale)", "MiB/s (log scale)",
                WIDTH, HEIGHT, true, series);
    }

    private LineChart.Series line(String name, Color color, boolean dashed, int marker, Predicate<Result> filter) {
        List<LineChart.Point> points = new ArrayList<>();
        for (Result r : results) {
            if (filter.test(r) && r.metric() == Metric.THROUGHPUT && r.msize() > 0) {
                points.add(new LineChart.Point(r.msize(), r.value().median(), r.value().min(), r.value().max()));
            }
        }
        return new LineChart.Series(name, color, dashed, marker, points);
    }

    /** Operations per second: a group per operation and shape, a bar per server. */
    BarChart smallRate() {
        List<Result> rates = results.stream().filter(r -> r.family() == Family.SMALL && r.metric() == Metric.RATE).toList();
        if (rates.isEmpty()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (Result r : rates) {
            String key = r.op() + "|" + r.inFlight() + "|" + r.connections();
            if (!keys.contains(key)) {
                keys.add(key);
                categories.add(r.op() + "\n" + r.inFlight() + " in flight" + (r.connections() > 1 ? "\non " + r.connections()
                        + " conns" : ""));
            }
        }
        Map<String, List<Summary>> byServer = new LinkedHashMap<>();
        for (Result r : rates) {
            String name = serverName(r);
            List<Summary> values = byServer.computeIfAbsent(name, k -> new ArrayList<>(java.util.Collections.nCopies(keys.size(),
                    (Summary) null)));
            values.set(keys.indexOf(r.op() + "|" + r.inFlight() + "|" + r.connections()), r.value());
        }
        List<BarChart.Series> series = new ArrayList<>();
        int i = 0;
        for (var e : byServer.entrySet()) {
            series.add(new BarChart.Series(e.getKey(), LineChart.color(i++), e.getValue()));
        }
        List<BarChart.Reference> refs = new ArrayList<>();
        results.stream().filter(r -> r.family() == Family.BASELINE && r.scenario().equals("pingpong")
                        && r.metric() == Metric.RATE && r.transport().equals("tcp") && !r.op().contains("virtual"))
                .forEach(r -> refs.add(new BarChart.Reference(r.value().median(), "raw TCP ping-pong 19/160 B, "
                        + (r.inFlight() == 1 ? "1 at a time" : r.inFlight() + " per write"), new Color(0x444444))));
        refs.add(new BarChart.Reference(TargetCheck.GETATTR_RATE, "target: 150 000 Tgetattr/s", new Color(0xD55E00)));
        return new BarChart("Small operations per second (an operation is 1, 2 or 4 requests)", subtitle,
                "operations per second (log scale)", WIDTH + 200, HEIGHT, true, categories, series, refs);
    }

    /** Latency percentiles with {@code inFlight} requests in flight on one connection. */
    BarChart smallLatency(int inFlight) {
        List<String> categories = new ArrayList<>();
        List<List<Summary>> byPercentile = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Metric[] metrics = {Metric.LATENCY_P50, Metric.LATENCY_P90, Metric.LATENCY_P99, Metric.LATENCY_P999};
        for (Result r : results) {
            boolean small = r.family() == Family.SMALL && r.metric() == Metric.LATENCY_P50 && r.inFlight() == inFlight
                    && r.connections() == 1 && r.transport().equals("tcp");
            boolean raw = inFlight == 1 && r.family() == Family.BASELINE && r.scenario().equals("pingpong")
                    && r.metric() == Metric.LATENCY_P50 && r.transport().equals("tcp");
            if (!small && !raw) {
                continue;
            }
            categories.add(serverName(r).replace(" tcp", "") + "\n" + r.op());
            for (int i = 0; i < metrics.length; i++) {
                Metric m = metrics[i];
                byPercentile.get(i).add(results.stream().filter(x -> x.metric() == m && x.family() == r.family()
                        && x.scenario().equals(r.scenario()) && x.server().equals(r.server())
                        && x.backend().equals(r.backend()) && x.transport().equals(r.transport()) && x.op().equals(r.op())
                        && x.inFlight() == r.inFlight() && x.connections() == r.connections()).findFirst()
                        .map(Result::value).orElse(null));
            }
        }
        if (categories.isEmpty()) {
            return null;
        }
        String[] names = {"p50", "p90", "p99", "p99.9"};
        List<BarChart.Series> series = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            series.add(new BarChart.Series(names[i], LineChart.color(i), byPercentile.get(i)));
        }
        return new BarChart("Latency of small operations over TCP, " + inFlight + " in flight on one connection", subtitle,
                "microseconds per operation (log scale)", WIDTH + 200, HEIGHT, true, categories, series, List.of());
    }

    BarChart alloc() {
        List<Result> heap = results.stream().filter(r -> r.family() == Family.ALLOC && r.metric() == Metric.CLIENT_HEAP).toList();
        if (heap.isEmpty()) {
            return null;
        }
        List<String> categories = new ArrayList<>();
        List<Summary> client = new ArrayList<>();
        List<Summary> server = new ArrayList<>();
        for (Result r : heap) {
            categories.add(r.op() + "\nmsize " + Sizes.label(r.msize()));
            client.add(r.value());
            server.add(results.stream().filter(x -> x.family() == Family.ALLOC && x.metric() == Metric.SERVER_HEAP
                    && x.op().equals(r.op()) && x.msize() == r.msize()).findFirst().map(Result::value).orElse(null));
        }
        return new BarChart("Heap allocated per request, one request in flight", subtitle, "bytes per request", WIDTH + 100,
                HEIGHT, false, categories, List.of(new BarChart.Series("client JVM", LineChart.color(0), client),
                        new BarChart.Series("server JVM", LineChart.color(1), server)),
                List.of(new BarChart.Reference(TargetCheck.HEAP_PER_REQUEST, "target: 256 B per request on the client",
                        new Color(0xD55E00))));
    }

    BarChart readdir() {
        List<Result> rs = results.stream().filter(r -> r.family() == Family.READDIR && r.metric() == Metric.TIME_PER_ENTRY)
                .toList();
        if (rs.isEmpty()) {
            return null;
        }
        List<String> categories = new ArrayList<>();
        List<Summary> values = new ArrayList<>();
        for (Result r : rs) {
            categories.add((r.scenario().equals("spi") ? "server alone\n" : "client\n") + serverName(r).replace(" tcp", "")
                    + (r.scenario().equals("spi") ? "" : "\nmsize " + Sizes.label(r.msize())));
            values.add(r.value());
        }
        return new BarChart("Readdir of 10 000 entries: time per entry", subtitle, "nanoseconds per entry (log scale)",
                WIDTH, HEIGHT, true, categories, List.of(new BarChart.Series("time per entry", LineChart.color(0), values)),
                List.of(new BarChart.Reference(TargetCheck.NS_PER_ENTRY, "target: 2 us of server time per entry",
                        new Color(0xD55E00))));
    }

    private static String serverName(Result r) {
        String t = r.transport().equals("-") ? "" : " " + r.transport();
        return switch (r.server()) {
            case "ninep" -> "ninep/" + r.backend() + t;
            default -> r.server() + t;
        };
    }
}
