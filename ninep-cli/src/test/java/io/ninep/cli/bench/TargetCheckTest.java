package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetCheckTest {

    private final List<Result> rs = new ArrayList<>();

    private void seq(String server, String backend, String op, long msize, int n, double v) {
        rs.add(new Result(Family.SEQ, "sequential", server, backend, "tcp", op, msize, n, 1, Metric.THROUGHPUT,
                Summary.of(v), ""));
    }

    private void raw(String op, long msize, double v) {
        rs.add(new Result(Family.BASELINE, "blast", "raw", "-", "tcp", op, msize, 1, 1, Metric.THROUGHPUT, Summary.of(v), ""));
    }

    /** A figure taken in turn with the local backend's 64K point, four in flight: MiB/s, or ratios for a ratio scenario. */
    private void inTurnAt64K(String scenario, String server, String op, Summary s) {
        Metric m = scenario.startsWith("ratio") ? Metric.RATIO_IN_TURN : Metric.THROUGHPUT;
        rs.add(new Result(Family.BASELINE, scenario, server, "local", "tcp", op, 65536, 4, 1, m, s, ""));
    }

    private TargetCheck.Verdict verdict(String startsWith) {
        return new TargetCheck(rs, 4).verdicts().stream().filter(v -> v.target().startsWith(startsWith)).findFirst()
                .orElseThrow();
    }

    @Test
    void withNoFiguresEveryTargetIsNotApplicable() {
        assertThat(new TargetCheck(List.of(), 4).verdicts()).hasSize(13)
                .allSatisfy(v -> assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.NA));
    }

    @Test
    void readAgainstTheRawSocketTakesTheWorstMsizeFromOneMegabyteUp() {
        raw("read", 65536, 1000);
        seq("ninep", "memory", "read", 65536, 4, 100);   // below 1M: not part of the target
        raw("read", 1 << 20, 3000);
        seq("ninep", "memory", "read", 1 << 20, 4, 2700);   // 0.90
        raw("read", 4 << 20, 3000);
        seq("ninep", "memory", "read", 4 << 20, 4, 2400);   // 0.80: the worst
        seq("ninep", "local", "read", 1 << 20, 4, 2850);   // 0.95
        seq("ninep", "local", "read", 4 << 20, 4, 2580);   // 0.86: the worst, still enough
        var v = verdict("Sequential read, ninep to ninep (memory backend)");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.ratio()).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(v.detail()).contains("1M 0.90", "4M 0.80");
        var local = verdict("Sequential read, ninep to ninep (local backend)");
        assertThat(local.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(local.ratio()).isEqualTo(0.86, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theVerdictIsAgainstTheCachedBlastAndTheBlastOverFileSizedMemoryIsShownBeside() {
        raw("read", 1 << 20, 4000);
        rs.add(new Result(Family.BASELINE, "blast-file", "raw", "-", "tcp", "read", 1 << 20, 1, 1, Metric.THROUGHPUT,
                Summary.of(3500), ""));
        seq("ninep", "local", "read", 1 << 20, 4, 3150);   // 0.79 of 4000, 0.90 of 3500
        seq("ninep", "local", "read", 1 << 20, 1, 2000);
        var v = verdict("Sequential read, ninep to ninep (local backend)");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.baseline()).isEqualTo(4000);
        assertThat(v.detail()).isEqualTo("ratio by msize: 1M 0.79 (x1 0.50, 0.90 of a blast over file-sized memory)");
    }

    @Test
    void theLocalBackendsWritesShowWhatPwriteIntoTheExportMakesAlone() {
        raw("write", 4 << 20, 4000);
        rs.add(new Result(Family.BASELINE, Baselines.FILE_WRITE, "file", "-", "-", "pwrite", 4 << 20, 0, 0,
                Metric.THROUGHPUT, Summary.of(4500), ""));
        seq("ninep", "local", "write", 4 << 20, 4, 2800);
        seq("ninep", "memory", "write", 4 << 20, 4, 3600);
        assertThat(verdict("Sequential write, ninep to ninep (local backend)").detail())
                .isEqualTo("ratio by msize: 4M 0.70 (pwrite into the export alone 4 500 MiB/s)");
        assertThat(verdict("Sequential write, ninep to ninep (memory backend)").detail())
                .isEqualTo("ratio by msize: 4M 0.90");
    }

    @Test
    void againstDiodBothInFlightCountsMustMeetTheBar() {
        seq("ninep", "local", "write", 65536, 1, 300);
        seq("diod", "local", "write", 65536, 1, 100);   // 3.0
        seq("ninep", "local", "write", 65536, 4, 300);
        seq("diod", "local", "write", 65536, 4, 180);   // 1.67
        var v = verdict("Sequential write at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.ratio()).isCloseTo(300.0 / 180, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void againstDiodTheDetailShowsWhatAServerWithoutFileIoMakesOfIt() {
        seq("ninep", "local", "write", 65536, 4, 200);
        seq("diod", "local", "write", 65536, 4, 200);
        seq("ninep", "memory", "write", 65536, 4, 220);
        seq("ninep", "null", "write", 65536, 4, 240);
        var v = verdict("Sequential write at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.detail()).isEqualTo("x4: 200 / 200 MiB/s = 1.00 (memory backend 1.10, null backend, no file I/O, 1.20)");
    }

    @Test
    void againstDiodTheRatioByRepeatWithDiodInTurnDecidesWhereItExists() {
        seq("ninep", "local", "read", 65536, 4, 1500);
        seq("diod", "local", "read", 65536, 4, 1500);   // its own point, minutes apart: 1.0
        inTurnAt64K(SeqScenario.PAIRED_DIOD, "diod", "read", Summary.of(900, 1000, 1100));
        inTurnAt64K(SeqScenario.PAIRED_DIOD_RATIO, "ninep", "read", Summary.of(1.4, 1.6, 1.7));
        var v = verdict("Sequential read at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.ratio()).isEqualTo(1.6);
        assertThat(v.baseline()).isEqualTo(1000);
        assertThat(v.detail()).isEqualTo("x4: 1 500 MiB/s, diod in turn 1 000 MiB/s, ratio by repeat 1.60 (diod's own point"
                + " 1 500 MiB/s)");
    }

    @Test
    void againstDiodTheDetailShowsTheWriteFloorInTurnWithoutMovingTheBar() {
        seq("ninep", "local", "write", 65536, 4, 1300);
        seq("diod", "local", "write", 65536, 4, 1000);
        inTurnAt64K(SeqScenario.PAIRED_FLOOR, "floor", "write", Summary.of(1400, 1450, 1500));
        inTurnAt64K(SeqScenario.PAIRED_FLOOR_RATIO, "ninep", "write", Summary.of(0.88, 0.9, 0.93));
        var v = verdict("Sequential write at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.threshold()).isEqualTo(">= 1.5");
        assertThat(v.detail()).isEqualTo("x4: 1 300 / 1 000 MiB/s = 1.30; the write floor in turn (a server in C that only"
                + " splices each payload into the file and answers) 1 450 MiB/s, 1.45x diod, and ninep 0.90 of it");
    }

    /** A 50 us ping-pong and 64K at 2000 MiB/s: one request in flight moves at most 769 MiB/s. */
    private void loopbackCeiling() {
        rs.add(new Result(Family.BASELINE, "pingpong", "raw", "-", "tcp", "pingpong", 0, 1, 1, Metric.LATENCY_P50,
                Summary.of(50), ""));
        raw("read", 65536, 2000);
    }

    @Test
    void withOneInFlightTheBarAgainstDiodIsOneWhereOneAndAHalfIsPastTheLoopbackCeiling() {
        loopbackCeiling();
        seq("diod", "local", "read", 65536, 1, 600);    // 1.5x = 900 > 769
        seq("ninep", "local", "read", 65536, 1, 620);   // 1.03
        seq("diod", "local", "read", 65536, 4, 1100);
        seq("ninep", "local", "read", 65536, 4, 1800);  // 1.64
        var v = verdict("Sequential read at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.detail()).contains("past the loopback ceiling for one in flight, 769 MiB/s", "so the bar is 1.0x");

        rs.removeIf(r -> r.server().equals("ninep") && r.inFlight() == 1);
        seq("ninep", "local", "read", 65536, 1, 550);   // 0.92: slower than diod
        var slower = verdict("Sequential read at msize 64K");
        assertThat(slower.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(slower.threshold()).isEqualTo(">= 1.0");
        assertThat(slower.ratio()).isCloseTo(550.0 / 600, org.assertj.core.api.Assertions.within(1e-9));
    }

    /** A point past the estimated ceiling shows the estimate is none: the bar is the 1.5x again. */
    @Test
    void withOneInFlightTheBarStaysOneAndAHalfWhereNinepItselfOutrunsTheEstimatedCeiling() {
        loopbackCeiling();
        seq("diod", "local", "read", 65536, 1, 600);    // 1.5x = 900 > 769
        seq("ninep", "local", "read", 65536, 1, 800);   // 1.33, past 769
        seq("diod", "local", "read", 65536, 4, 1100);
        seq("ninep", "local", "read", 65536, 4, 1800);
        var v = verdict("Sequential read at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.threshold()).isEqualTo(">= 1.5");
        assertThat(v.detail()).contains("ninep's 800 MiB/s is past the estimate of the one-in-flight ceiling, 769 MiB/s",
                "the bar stays 1.5x");

        rs.removeIf(r -> r.server().equals("ninep") && r.inFlight() == 1);
        seq("ninep", "local", "read", 65536, 1, 960);   // 1.6
        assertThat(verdict("Sequential read at msize 64K").outcome()).isEqualTo(TargetCheck.Outcome.PASS);
    }

    @Test
    void withOneInFlightTheBarStaysOneAndAHalfWhereTheCeilingAllowsIt() {
        loopbackCeiling();
        seq("diod", "local", "read", 65536, 1, 300);    // 1.5x = 450 < 769
        seq("ninep", "local", "read", 65536, 1, 400);   // 1.33
        seq("diod", "local", "read", 65536, 4, 1100);
        seq("ninep", "local", "read", 65536, 4, 1800);
        var v = verdict("Sequential read at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.threshold()).isEqualTo(">= 1.5");
        assertThat(v.detail()).doesNotContain("ceiling");
    }

    /** The run at 07:48: the 64K write x4 outran the 64K blast measured in turn, so the bar is 1.5x. */
    @Test
    void withSeveralInFlightTheBarStaysOneAndAHalfWhereNinepItselfOutrunsTheSocket() {
        raw("write", 65536, 2030);
        seq("diod", "local", "write", 65536, 4, 1791);    // 1.5x = 2686 > 2030
        seq("ninep", "local", "write", 65536, 4, 2336);   // 1.30 of diod, past the socket
        var v = verdict("Sequential write at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.threshold()).isEqualTo(">= 1.5");
        assertThat(v.detail()).contains("ninep's 2 336 MiB/s is past the raw socket at 64K, 2 030 MiB/s",
                "the bar stays 1.5x");
    }

    @Test
    void withSeveralInFlightTheBarIsTheSequentialOneAgainstTheSocketWhereOneAndAHalfTimesDiodIsPastIt() {
        raw("read", 65536, 2000);
        seq("diod", "local", "read", 65536, 4, 1400);    // 1.5x = 2100 > 2000
        seq("ninep", "local", "read", 65536, 4, 1750);   // 1.25 of diod, 0.875 of the socket
        var v = verdict("Sequential read at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.threshold()).isEqualTo(">= 1.21");   // 0.85 x 2000 / 1400
        assertThat(v.detail()).contains("1.5x diod (2 100 MiB/s) is past the raw socket at 64K, 2 000 MiB/s",
                "0.85 of it (1 700 MiB/s): 1.21x");

        rs.removeIf(r -> r.server().equals("ninep"));
        seq("ninep", "local", "read", 65536, 4, 1650);   // 0.825 of the socket
        assertThat(verdict("Sequential read at msize 64K").outcome()).isEqualTo(TargetCheck.Outcome.MISS);

        rs.removeIf(r -> r.server().equals("ninep"));
        rs.removeIf(r -> r.server().equals("raw"));
        raw("read", 65536, 4000);                         // 1.5x diod is within the socket: the bar stays
        seq("ninep", "local", "read", 65536, 4, 2000);
        var within = verdict("Sequential read at msize 64K");
        assertThat(within.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(within.threshold()).isEqualTo(">= 1.5");
    }

    @Test
    void writesAgainstDiodTakeTheWriteBarAndTheSocketMeasuredInTurnWithTheLocalBackend() {
        raw("write", 65536, 3000);                          // the baseline family's, minutes earlier
        rs.add(new Result(Family.BASELINE, SeqScenario.PAIRED_BLAST, "raw", "local", "tcp", "write", 65536, 4, 1,
                Metric.THROUGHPUT, Summary.of(2400), ""));   // in turn: 1.5x diod (2 550) is past it
        seq("diod", "local", "write", 65536, 4, 1700);
        seq("ninep", "local", "write", 65536, 4, 1900);     // 1.12 of diod; 0.79 of the socket in turn
        var v = verdict("Sequential write at msize 64K");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.threshold()).isEqualTo(">= 1.06");     // 0.75 x 2400 / 1700
        assertThat(v.detail()).contains("past the raw socket at 64K, 2 400 MiB/s");
    }

    @Test
    void theBlastMeasuredInTurnWithABackendsRepeatsIsPreferredForThatBackendOnly() {
        raw("read", 1 << 20, 4000);                         // the baseline family's, minutes earlier
        rs.add(new Result(Family.BASELINE, SeqScenario.PAIRED_BLAST, "raw", "local", "tcp", "read", 1 << 20, 4, 1,
                Metric.THROUGHPUT, Summary.of(3000), ""));
        seq("ninep", "local", "read", 1 << 20, 4, 2700);    // 0.90 in turn, 0.675 of the family's
        seq("ninep", "memory", "read", 1 << 20, 4, 2700);   // no blast in turn: against the family's
        var local = verdict("Sequential read, ninep to ninep (local backend)");
        assertThat(local.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(local.baseline()).isEqualTo(3000);
        assertThat(local.detail()).isEqualTo("ratio by msize, against the raw socket measured in turn with the repeats"
                + " (the median of the repeats' ratios where the run has them): 1M 0.90 (0.68 of the baseline family's blast)");
        var memory = verdict("Sequential read, ninep to ninep (memory backend)");
        assertThat(memory.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(memory.baseline()).isEqualTo(4000);
        assertThat(memory.detail()).isEqualTo("ratio by msize: 1M 0.68");
    }

    @Test
    void theRatiosOfTheRepeatsInTurnDecideWhereTheRunHasThem() {
        rs.add(new Result(Family.BASELINE, SeqScenario.PAIRED_BLAST, "raw", "memory", "tcp", "read", 1 << 20, 4, 1,
                Metric.THROUGHPUT, Summary.of(2000, 3000, 4000), ""));
        seq("ninep", "memory", "read", 1 << 20, 4, 2700);   // 0.90 of the blast's median
        var medians = verdict("Sequential read, ninep to ninep (memory backend)");
        assertThat(medians.outcome()).isEqualTo(TargetCheck.Outcome.PASS);

        // Repeat by repeat the point made 0.80, 0.80 and 0.95 of the blast just before it.
        rs.add(new Result(Family.BASELINE, SeqScenario.PAIRED_RATIO, "ninep", "memory", "tcp", "read", 1 << 20, 4, 1,
                Metric.RATIO_IN_TURN, Summary.of(0.80, 0.80, 0.95), ""));
        var pairs = verdict("Sequential read, ninep to ninep (memory backend)");
        assertThat(pairs.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(pairs.ratio()).isCloseTo(0.80, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pairs.detail()).startsWith("ratio by msize, against the raw socket measured in turn with the repeats"
                + " (the median of the repeats' ratios where the run has them): 1M 0.80");
    }

    private void localWriteInTurn(long msize, double socket, double socketRatio, double intoFile, double fileRatio) {
        fileBoundInTurn("local", "write", msize, socket, socketRatio, intoFile, fileRatio);
    }

    private void fileBoundInTurn(String backend, String op, long msize, double socket, double socketRatio, double file,
                                 double fileRatio) {
        boolean read = op.equals("read");
        rs.add(new Result(Family.BASELINE, SeqScenario.PAIRED_BLAST, "raw", backend, "tcp", op, msize, 4, 1,
                Metric.THROUGHPUT, Summary.of(socket), ""));
        rs.add(new Result(Family.BASELINE, SeqScenario.PAIRED_RATIO, "ninep", backend, "tcp", op, msize, 4, 1,
                Metric.RATIO_IN_TURN, Summary.of(socketRatio), ""));
        rs.add(new Result(Family.BASELINE, SeqScenario.pairedFile(read), "raw", backend, "tcp", op, msize, 4, 1,
                Metric.THROUGHPUT, Summary.of(file), ""));
        rs.add(new Result(Family.BASELINE, SeqScenario.pairedFileRatio(read), "ninep", backend, "tcp", op, msize,
                4, 1, Metric.RATIO_IN_TURN, Summary.of(fileRatio), ""));
    }

    @Test
    void whereASourceOfTheFilesSizeIsBelowTheReadBarAReadIsHeldToThatCeiling() {
        // 1M: the file-sized blast makes 0.95 of the socket: the bar of 0.85 of the socket holds.
        seq("ninep", "memory", "read", 1 << 20, 4, 3520);
        fileBoundInTurn("memory", "read", 1 << 20, 4000, 0.88, 3800, 0.93);
        // 4M: it makes 0.70 of the socket; 0.63 of the socket is 0.90 of that ceiling.
        seq("ninep", "memory", "read", 4 << 20, 4, 3150);
        fileBoundInTurn("memory", "read", 4 << 20, 5000, 0.63, 3500, 0.90);
        var v = verdict("Sequential read, ninep to ninep (memory backend)");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.detail()).contains("1M 0.88 (the raw socket from file-sized memory in turn 3 800 MiB/s, 0.95 of the"
                        + " socket)",
                "4M 0.90 (the raw socket from file-sized memory in turn 3 500 MiB/s, 0.70 of the socket, 0.85 of the"
                        + " socket is past what a source of the file's size allows, so the bar is 0.85 of that)");

        // The 1M point at 0.80 of the socket misses: its ceiling was above the bar.
        rs.removeIf(r -> r.msize() == 1 << 20);
        seq("ninep", "memory", "read", 1 << 20, 4, 3200);
        fileBoundInTurn("memory", "read", 1 << 20, 4000, 0.80, 3800, 0.84);
        var miss = verdict("Sequential read, ninep to ninep (memory backend)");
        assertThat(miss.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(miss.ratio()).isCloseTo(0.80, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(miss.threshold()).isEqualTo(">= 0.85");
    }

    @Test
    void whereTheSocketIntoTheFileIsBelowTheWriteBarTheLocalBackendIsHeldToThatCeiling() {
        // 1M: the file takes 0.80 of the socket, so the bar of 0.75 of the socket holds (0.78).
        seq("ninep", "local", "write", 1 << 20, 4, 3120);
        localWriteInTurn(1 << 20, 4000, 0.78, 3200, 0.975);
        // 4M: the file takes only 0.55 of the socket; 0.52 of the socket is 0.95 of that ceiling.
        seq("ninep", "local", "write", 4 << 20, 4, 2600);
        localWriteInTurn(4 << 20, 5000, 0.52, 2750, 0.95);
        var v = verdict("Sequential write, ninep to ninep (local backend)");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(v.ratio()).isCloseTo(0.78, org.assertj.core.api.Assertions.within(1e-9));   // 1.04 of its bar, the worst
        assertThat(v.detail()).contains("1M 0.78 (the raw socket into the file in turn 3 200 MiB/s, 0.80 of the socket)",
                "4M 0.95 (the raw socket into the file in turn 2 750 MiB/s, 0.55 of the socket, 0.75 of the socket is past"
                        + " what the file takes from it, so the bar is 0.85 of that)");

        // The same 4M point at 0.80 of the file's ceiling: short of 0.85, the worst against its bar.
        rs.removeIf(r -> r.msize() == 4 << 20);
        seq("ninep", "local", "write", 4 << 20, 4, 2200);
        localWriteInTurn(4 << 20, 5000, 0.44, 2750, 0.80);
        var miss = verdict("Sequential write, ninep to ninep (local backend)");
        assertThat(miss.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(miss.ratio()).isCloseTo(0.80, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(miss.baseline()).isEqualTo(2750);
        assertThat(miss.threshold()).isEqualTo(">= 0.85 of the socket into the file");
    }

    @Test
    void theFilesCeilingDoesNotLowerTheBarWhereItIsAboveTheWriteTarget() {
        seq("ninep", "local", "write", 4 << 20, 4, 2800);
        localWriteInTurn(4 << 20, 4000, 0.70, 3400, 0.82);   // the file takes 0.85 of the socket
        var v = verdict("Sequential write, ninep to ninep (local backend)");
        assertThat(v.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(v.ratio()).isCloseTo(0.70, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(v.threshold()).isEqualTo(">= 0.75");
    }

    @Test
    void latencyIsComparedLikeWithLikePlatformCallersWithThePlatformPingPong() {
        rs.add(new Result(Family.SMALL, "ops", "ninep", "memory", "tcp", "getattr-platform", 0, 1, 1,
                Metric.LATENCY_P50, Summary.of(30), ""));
        rs.add(new Result(Family.SMALL, "ops", "ninep", "memory", "tcp", "getattr", 0, 1, 1, Metric.LATENCY_P50,
                Summary.of(50), ""));
        rs.add(new Result(Family.BASELINE, "pingpong", "raw", "-", "tcp", "pingpong", 0, 1, 1, Metric.LATENCY_P50,
                Summary.of(20), ""));
        rs.add(new Result(Family.BASELINE, "pingpong", "raw", "-", "tcp", "pingpong-virtual", 0, 1, 1,
                Metric.LATENCY_P50, Summary.of(25), ""));
        var platform = verdict("Tgetattr median round trip, 1 in flight, TCP: <= 1.5x a raw socket ping-pong of 19/160 bytes, callers on platform");
        assertThat(platform.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(platform.ratio()).isEqualTo(1.5);
        var virtual = verdict("Tgetattr median round trip, 1 in flight, TCP: <= 1.5x a raw socket ping-pong of 19/160 bytes, callers on virtual");
        assertThat(virtual.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(virtual.ratio()).isEqualTo(2.0);
    }

    @Test
    void thePingPongRunInTurnWithNinepsRepeatsIsPreferredToTheBaselineFamilys() {
        rs.add(new Result(Family.SMALL, "ops", "ninep", "memory", "tcp", "getattr", 0, 1, 1, Metric.LATENCY_P50,
                Summary.of(60), ""));
        rs.add(new Result(Family.BASELINE, "pingpong", "raw", "-", "tcp", "pingpong-virtual", 0, 1, 1,
                Metric.LATENCY_P50, Summary.of(30), ""));   // minutes earlier, on a quieter machine
        String target = "Tgetattr median round trip, 1 in flight, TCP: <= 1.5x a raw socket ping-pong of 19/160 bytes, callers on virtual";
        assertThat(verdict(target).outcome()).isEqualTo(TargetCheck.Outcome.MISS);

        rs.add(new Result(Family.BASELINE, "paired", "raw", "-", "tcp", "pingpong-virtual-paired", 0, 1, 1,
                Metric.LATENCY_P50, Summary.of(48), ""));
        var paired = verdict(target);
        assertThat(paired.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(paired.ratio()).isEqualTo(1.25);
        assertThat(paired.detail()).isEqualTo("ninep 60.0 us, raw pingpong-virtual 48.0 us in turn with ninep's repeats"
                + " (30.0 us in the baseline family)");

        rs.removeIf(r -> r.scenario().equals("pingpong"));
        assertThat(verdict(target).outcome()).as("the paired ping-pong alone will do").isEqualTo(TargetCheck.Outcome.PASS);
    }

    @Test
    void allocationIsTheWorstMsizeAndLargeBuffersOnlyCountForSmallRequests() {
        for (long msize : new long[] {65536, 128 << 20}) {
            rs.add(new Result(Family.ALLOC, "per-request", "ninep", "memory", "tcp", "getattr", msize, 1, 1,
                    Metric.CLIENT_HEAP, Summary.of(msize == 65536 ? 200 : 300), ""));
            rs.add(new Result(Family.ALLOC, "per-request", "ninep", "memory", "tcp", "read-4k", msize, 1, 1,
                    Metric.SERVER_LARGE_BUFFERS, Summary.of(1), ""));
            rs.add(new Result(Family.ALLOC, "per-request", "ninep", "memory", "tcp", "getattr", msize, 1, 1,
                    Metric.SERVER_LARGE_BUFFERS, Summary.of(0), ""));
        }
        var heap = verdict("Client heap");
        assertThat(heap.outcome()).isEqualTo(TargetCheck.Outcome.MISS);
        assertThat(heap.measured()).isEqualTo(300);
        var buffers = verdict("No pool buffer");
        assertThat(buffers.outcome()).isEqualTo(TargetCheck.Outcome.PASS);
        assertThat(buffers.detail()).contains("server read-4k at 64K: 1.000");
    }
}
