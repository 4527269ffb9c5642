package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    private static Result seq(String backend, String op, long msize, int n, double mibs) {
        return new Result(Family.SEQ, "sequential", "ninep", backend, "tcp", op, msize, n, 1, Metric.THROUGHPUT,
                Summary.of(mibs), "");
    }

    @Test
    void textTablesAlignNumbersRightAndNamesLeft() {
        TextTable t = new TextTable("Title", "name", ">value").row("a", "1").row("longer", "12 345");
        assertThat(t.text()).isEqualTo("""
                Title
                name     value
                --------------
                a            1
                longer  12 345
                """);
    }

    @Test
    void markdownTablesHaveAlignmentRowsAndEscapedPipes() {
        TextTable t = new TextTable("T", "what", ">n").row("a|b", "3");
        assertThat(t.markdown()).isEqualTo("""
                **T**

                | what | n |
                |---|---:|
                | a\\|b | 3 |
                """);
    }

    @Test
    void aRowMustFitTheColumns() {
        assertThatThrownBy(() -> new TextTable("T", "a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void figuresKeepAboutThreeDigits() {
        assertThat(TextTable.figure(123456.7)).isEqualTo("123 457");
        assertThat(TextTable.figure(12.345)).isEqualTo("12.3");
        assertThat(TextTable.figure(1.2345)).isEqualTo("1.23");
        assertThat(TextTable.figure(0.12345)).isEqualTo("0.123");
        assertThat(TextTable.figure(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void csvHasTheDocumentedColumnsAndOneRowPerFigure() {
        Result r = new Result(Family.SMALL, "ops", "ninep", "memory", "tcp", "getattr", 0, 32, 4, Metric.LATENCY_P99,
                new Summary(12.5, 10, 15.25, 3), "msize 64K, \"quoted\"");
        String csv = CsvFormat.results("2026-11-21T15:00:00Z", List.of(r));
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split(",")).containsExactly("run", "family", "scenario", "server", "backend", "transport",
                "op", "msize", "in_flight", "connections", "metric", "unit", "median", "min", "max", "repeats", "note");
        assertThat(lines.get(1)).isEqualTo("2026-11-21T15:00:00Z,small,ops,ninep,memory,tcp,getattr,0,32,4,latency_p99,us,"
                + "12.5,10,15.25,3,\"msize 64K, \"\"quoted\"\"\"");
    }

    @Test
    void csvOfTargetsHasOneRowPerVerdict() {
        var v = new TargetCheck.Verdict("a target", 1.5, "x", Double.NaN, Double.NaN, ">= 1", TargetCheck.Outcome.PASS, "d");
        assertThat(CsvFormat.targets(List.of(v)).lines().toList()).containsExactly(CsvFormat.TARGETS_HEADER,
                "a target,1.5,x,,,>= 1,PASS,d");
    }

    @Test
    void sequentialTablesPivotMsizeAgainstServerAndInFlight() {
        List<Result> rs = List.of(seq("memory", "read", 8192, 1, 100), seq("memory", "read", 8192, 4, 300),
                seq("memory", "read", 1 << 20, 1, 1000), seq("memory", "read", 1 << 20, 4, 2500),
                new Result(Family.BASELINE, "blast", "raw", "-", "tcp", "read", 1 << 20, 1, 1, Metric.THROUGHPUT,
                        Summary.of(3000), ""));
        TextTable t = new Report(rs).sequential("read", "tcp");
        assertThat(t.headers()).containsExactly("msize", "raw socket", "memory x1", "memory x4");
        assertThat(t.rows()).containsExactly(List.of("8K", "", "100", "300"), List.of("1M", "3 000", "1 000", "2 500"));
        assertThat(new Report(rs).sequential("write", "tcp").rowCount()).isZero();
    }

    @Test
    void theBlastOverFileSizedMemoryHasAColumnBesideTheRawSocketAndNoBaselineRow() {
        List<Result> rs = List.of(seq("memory", "read", 1 << 20, 4, 2500),
                new Result(Family.BASELINE, "blast", "raw", "-", "tcp", "read", 1 << 20, 1, 1, Metric.THROUGHPUT,
                        Summary.of(3000), ""),
                new Result(Family.BASELINE, "blast-file", "raw", "-", "tcp", "read", 1 << 20, 1, 1, Metric.THROUGHPUT,
                        Summary.of(2800), "walks"));
        Report report = new Report(rs);
        TextTable t = report.sequential("read", "tcp");
        assertThat(t.headers()).containsExactly("msize", "raw socket", "raw, file-sized memory", "memory x4");
        assertThat(t.rows()).containsExactly(List.of("1M", "3 000", "2 800", "2 500"));
        assertThat(report.baselines().rowCount()).as("blasts live in the sequential tables").isZero();
    }

    @Test
    void blastsMeasuredInTurnHaveATableOfTheirOwnBesideTheirPointsAndNoBaselineRow() {
        List<Result> rs = List.of(seq("memory", "read", 1 << 20, 4, 2500), seq("local", "read", 1 << 20, 4, 2000),
                seq("local", "read", 4 << 20, 4, 1800),
                inTurn(SeqScenario.PAIRED_BLAST, "raw", "local", 1 << 20, Metric.THROUGHPUT, 2500),
                inTurn(SeqScenario.PAIRED_RATIO, "ninep", "local", 1 << 20, Metric.RATIO_IN_TURN, 0.70, 0.72, 0.90),
                inTurn(SeqScenario.PAIRED_BLAST, "raw", "memory", 1 << 20, Metric.THROUGHPUT, 3125),
                inTurn(SeqScenario.PAIRED_RATIO, "ninep", "memory", 1 << 20, Metric.RATIO_IN_TURN, 0.80),
                inTurn(SeqScenario.PAIRED_BLAST, "raw", "local", 4 << 20, Metric.THROUGHPUT, 2000),
                inTurn(SeqScenario.PAIRED_RATIO, "ninep", "local", 4 << 20, Metric.RATIO_IN_TURN, 0.90));
        Report report = new Report(rs);
        TextTable t = report.inTurn("read");
        assertThat(t.headers()).containsExactly("msize", "local x4", "raw in turn", "ratio", "memory x4", "raw in turn",
                "ratio");
        // The ratio is the median of the repeats' ratios (0.72), not of the medians (2 000 / 2 500 = 0.80).
        assertThat(t.rows()).containsExactly(List.of("1M", "2 000", "2 500", "0.72", "2 500", "3 125", "0.80"),
                List.of("4M", "1 800", "2 000", "0.90", "", "", ""));
        assertThat(report.inTurn("write").rowCount()).isZero();
        assertThat(report.baselines().rowCount()).isZero();
    }

    @Test
    void theLocalBackendsWritesShowTheRawBlastIntoTheFileTakenInTurnBesideTheSocket() {
        List<Result> rs = List.of(seq("local", "write", 4 << 20, 4, 2600), seq("memory", "write", 4 << 20, 4, 4500),
                inTurn("write", SeqScenario.PAIRED_BLAST, "raw", "local", 4 << 20, Metric.THROUGHPUT, 5000),
                inTurn("write", SeqScenario.PAIRED_RATIO, "ninep", "local", 4 << 20, Metric.RATIO_IN_TURN, 0.52),
                inTurn("write", SeqScenario.PAIRED_INTO_FILE, "raw", "local", 4 << 20, Metric.THROUGHPUT, 2750),
                inTurn("write", SeqScenario.PAIRED_INTO_FILE_RATIO, "ninep", "local", 4 << 20, Metric.RATIO_IN_TURN,
                        0.93, 0.95, 0.97),
                inTurn("write", SeqScenario.PAIRED_BLAST, "raw", "memory", 4 << 20, Metric.THROUGHPUT, 5000),
                inTurn("write", SeqScenario.PAIRED_RATIO, "ninep", "memory", 4 << 20, Metric.RATIO_IN_TURN, 0.90));
        Report report = new Report(rs);
        TextTable t = report.inTurn("write");
        assertThat(t.headers()).containsExactly("msize", "local x4", "raw in turn", "ratio", "raw into file", "ratio",
                "memory x4", "raw in turn", "ratio");
        assertThat(t.rows()).containsExactly(List.of("4M", "2 600", "5 000", "0.52", "2 750", "0.95", "4 500", "5 000",
                "0.90"));
        assertThat(report.baselines().rowCount()).as("figures in turn live in their table").isZero();
    }

    @Test
    void readsShowTheBlastFromFileSizedMemoryTakenInTurnBesideTheSocket() {
        List<Result> rs = List.of(seq("memory", "read", 1 << 20, 4, 2700),
                inTurn(SeqScenario.PAIRED_BLAST, "raw", "memory", 1 << 20, Metric.THROUGHPUT, 3300),
                inTurn(SeqScenario.PAIRED_RATIO, "ninep", "memory", 1 << 20, Metric.RATIO_IN_TURN, 0.79),
                inTurn(SeqScenario.PAIRED_FROM_FILE, "raw", "memory", 1 << 20, Metric.THROUGHPUT, 2900),
                inTurn(SeqScenario.PAIRED_FROM_FILE_RATIO, "ninep", "memory", 1 << 20, Metric.RATIO_IN_TURN, 0.91));
        Report report = new Report(rs);
        TextTable t = report.inTurn("read");
        assertThat(t.headers()).containsExactly("msize", "memory x4", "raw in turn", "ratio", "raw file-sized", "ratio");
        assertThat(t.rows()).containsExactly(List.of("1M", "2 700", "3 300", "0.79", "2 900", "0.91"));
        assertThat(report.inTurn("write").rowCount()).isZero();
        assertThat(report.baselines().rowCount()).as("figures in turn live in their table").isZero();
    }

    @Test
    void diodMeasuredInTurnHasATableOfItsOwnWithTheRatiosOfTheRepeats() {
        List<Result> rs = List.of(seq("local", "read", 65536, 4, 1800),
                inTurn(SeqScenario.PAIRED_DIOD, "diod", "local", 65536, Metric.THROUGHPUT, 1200),
                inTurn(SeqScenario.PAIRED_DIOD_RATIO, "ninep", "local", 65536, Metric.RATIO_IN_TURN, 1.2, 1.45, 1.6));
        Report report = new Report(rs);
        TextTable t = report.diodInTurn();
        assertThat(t.headers()).containsExactly("op", "msize", "in flight", "ninep/local", "diod in turn", "ratio",
                "ratio min", "ratio max");
        assertThat(t.rows()).containsExactly(List.of("read", "64K", "4", "1 800", "1 200", "1.45", "1.20", "1.60"));
        assertThat(report.inTurn("read").rowCount()).as("no raw blast took turns here").isZero();
        assertThat(report.baselines().rowCount()).as("figures in turn live in their table").isZero();
    }

    private static Result inTurn(String scenario, String server, String backend, long msize, Metric metric,
                                 double... values) {
        return inTurn("read", scenario, server, backend, msize, metric, values);
    }

    private static Result inTurn(String op, String scenario, String server, String backend, long msize, Metric metric,
                                 double... values) {
        return new Result(Family.BASELINE, scenario, server, backend, "tcp", op, msize, 4, 1, metric,
                Summary.of(values), "in turn");
    }

    @Test
    void serverStatsSurviveTheControlProtocol() {
        var s = new ServerUnderTest.ServerStats(123, 4, 56, new java.util.TreeMap<>(java.util.Map.of("small", 10L,
                "medium", 2L, "full", 1L, "reserve", 7L, "unpooled", 0L)), 9, 1234);
        var back = ServerUnderTest.ServerStats.decode(s.encode());
        assertThat(back).isEqualTo(s);
        assertThat(back.takenAboveSmall()).isEqualTo(3);
    }

    @Test
    void aSequentialPointNotesTheServersRefusedBuffersAndCollections() {
        var before = new ServerUnderTest.ServerStats(0, 3, 40, java.util.Map.of(), 5, 0);
        assertThat(SeqScenario.serverCounters(before, before)).as("nothing happened").isEmpty();
        var after = new ServerUnderTest.ServerStats(0, 5, 52, java.util.Map.of(), 17, 0);
        assertThat(SeqScenario.serverCounters(before, after)).isEqualTo(
                "the server's pool refused 12 buffers (heap buffers instead); the server collected garbage 2 times (12 ms)");
    }

    @Test
    void aReadsBlastFromFileSizedMemoryLandsInThePointsBufferOrInOneOfItsOwnWhereNoChunkFits() {
        int chunk = 1 << 20;
        java.nio.ByteBuffer two = java.nio.ByteBuffer.allocateDirect(2 * chunk);
        try (Region r = SeqScenario.landing(two, chunk)) {
            var first = r.next();
            var second = r.next();
            assertThat(first.capacity()).isEqualTo(chunk);
            first.put(0, (byte) 7);
            second.put(0, (byte) 9);
            assertThat(two.get(0)).as("the point's own buffer").isEqualTo((byte) 7);
            assertThat(two.get(chunk)).isEqualTo((byte) 9);
            r.next().put(0, (byte) 11);
            assertThat(two.get(0)).as("walking it again").isEqualTo((byte) 11);
        }
        java.nio.ByteBuffer oneRequest = java.nio.ByteBuffer.allocateDirect(chunk - 24);
        try (Region r = SeqScenario.landing(oneRequest, chunk)) {
            assertThat(r.next().capacity()).as("a whole chunk, in memory of its own").isEqualTo(chunk);
        }
    }

    @Test
    void iperf3IntervalsSkipTheOmittedOnes() {
        String json = """
                {"start": {"x": 1},
                 "intervals": [
                   {"streams": [{"bits_per_second": 1, "omitted": true}],
                    "sum": {"start": 0, "end": 1.0, "bits_per_second": 800, "omitted": true, "sender": true}},
                   {"streams": [{"bits_per_second": 2, "omitted": false}],
                    "sum": {"start": 1.0, "end": 2.0, "bits_per_second": 1600, "omitted": false, "sender": true}},
                   {"streams": [],
                    "sum": {"start": 2.0, "end": 3.0, "bits_per_second": 2.4e3, "omitted": false, "sender": true}}],
                 "end": {"sum_received": {"bits_per_second": 99}}}
                """;
        assertThat(Iperf3.intervals(json)).containsExactly(200.0, 300.0);
        assertThat(Iperf3.intervals("{}")).isEmpty();
    }
}
