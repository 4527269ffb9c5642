package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void summaryOfAnOddCountIsTheMiddleValue() {
        Summary s = Summary.of(5, 1, 3);
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.repeats()).isEqualTo(3);
    }

    @Test
    void summaryOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summary.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(Summary.of(7.0).median()).isEqualTo(7);
        assertThatThrownBy(Summary::of).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryScalesAndSaysItsSpread() {
        Summary s = Summary.of(90, 100, 110).times(2);
        assertThat(s.median()).isEqualTo(200);
        assertThat(s.min()).isEqualTo(180);
        assertThat(s.max()).isEqualTo(220);
        assertThat(s.relativeSpread()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void windowsInTurnAlternateAndTheirRatiosAreTakenPairByPair() throws Exception {
        List<String> order = new ArrayList<>();
        // Three pairs, the machine's speed changing between them: ratios 0.99, 0.5 and 0.9.
        double[] figures = {1000, 990, 3000, 1500, 2000, 1800};
        int[] at = {0};
        Plan.Window baseline = nanos -> {
            order.add("baseline");
            return figures[at[0]++];
        };
        Plan.Window subject = nanos -> {
            order.add("subject");
            return figures[at[0]++];
        };
        Plan.InTurn t = new Plan(0, 1, 3).measureInTurn(baseline, subject);
        assertThat(order).containsExactly("baseline", "subject", "baseline", "subject", "baseline", "subject");
        assertThat(t.baseline().median()).isEqualTo(2000);
        assertThat(t.subject().median()).isEqualTo(1500);   // 0.75 of the baseline's median
        assertThat(t.ratios().median()).isCloseTo(0.9, within(1e-12));
        assertThat(t.ratios().min()).isCloseTo(0.5, within(1e-12));
        assertThat(t.ratios().max()).isCloseTo(0.99, within(1e-12));
    }

    @Test
    void severalBaselinesTakeTheirTurnsBeforeEachWindowOfTheSubjectAndEachGetsItsOwnRatios() throws Exception {
        List<String> order = new ArrayList<>();
        // Two pairs: socket 4000 then 2000, file 2000 then 1000, subject 1800 then 950.
        double[] socket = {4000, 2000};
        double[] file = {2000, 1000};
        double[] subject = {1800, 950};
        int[] i = {0, 0, 0};
        Plan.Window a = nanos -> {
            order.add("socket");
            return socket[i[0]++];
        };
        Plan.Window b = nanos -> {
            order.add("file");
            return file[i[1]++];
        };
        Plan.Window s = nanos -> {
            order.add("subject");
            return subject[i[2]++];
        };
        List<Plan.InTurn> t = new Plan(0, 1, 2).measureInTurn(List.of(a, b), s);
        assertThat(order).containsExactly("socket", "file", "subject", "socket", "file", "subject");
        assertThat(t).hasSize(2);
        assertThat(t.get(0).ratios().min()).isCloseTo(0.45, within(1e-12));
        assertThat(t.get(0).ratios().max()).isCloseTo(0.475, within(1e-12));
        assertThat(t.get(1).ratios().min()).isCloseTo(0.9, within(1e-12));
        assertThat(t.get(1).ratios().max()).isCloseTo(0.95, within(1e-12));
        assertThat(t.get(1).subject()).isEqualTo(t.get(0).subject());
    }

    @Test
    void theWarmUpGoesOnInRoundsWhileTheJitsCompileAndStopsWhenARoundPassesQuiet() throws Exception {
        List<String> order = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        Plan.Window a = nanos -> {
            order.add("a");
            lengths.add(nanos);
            return 1;
        };
        Plan.Window b = nanos -> {
            order.add("b");
            lengths.add(nanos);
            return 1;
        };
        // Compiling through the first warm-up and the first round, quiet in the second.
        long[] compiled = {0, 10, 25, 25};
        int[] asked = {0};
        Plan.WarmUp w = new Plan(1_000_000, 1, 1).warmUp(List.of(a, b), () -> compiled[asked[0]++]);
        assertThat(w.quiet()).isTrue();
        assertThat(asked[0]).isEqualTo(4);
        assertThat(order).containsExactly("a", "b", "a", "b", "a", "b");
        assertThat(lengths).containsExactly(1_000_000L, 1_000_000L, 500_000L, 500_000L, 500_000L, 500_000L);
    }

    @Test
    void aWarmUpWhoseJitsNeverQuietEndsAtItsLimitAndSaysSo() throws Exception {
        long[] compiled = {0};
        Plan.Window w = nanos -> {
            Thread.sleep(nanos / 1_000_000);
            return 1;
        };
        Plan.WarmUp warm = new Plan(20_000_000, 1, 1).warmUp(List.of(w), () -> compiled[0]++);
        assertThat(warm.quiet()).isFalse();
        assertThat(warm.nanos()).isLessThanOrEqualTo(Plan.MAX_WARM_UP * 20_000_000L + 50_000_000L);
        assertThat(compiled[0]).as("a first warm-up and rounds of half of it within 8 warm-ups").isBetween(3L, 16L);
        assertThat(new Plan(0, 1, 1).warmUp(List.of(w), () -> compiled[0]++).quiet()).as("no warm-up asked").isTrue();
    }

    @Test
    void histogramIsExactBelow128() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(90)).isEqualTo(90);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.percentile(0)).isEqualTo(1);
        assertThat(h.max()).isEqualTo(100);
    }

    @Test
    void histogramPercentilesAreWithinOnePercentOfTheExactOnes() {
        Random random = new Random(1);
        int n = 100_000;
        long[] values = new long[n];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < n; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * Math.log(1e9));   // 1 ns to 1 s, log-uniform
            h.record(values[i]);
        }
        java.util.Arrays.sort(values);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            long exact = values[(int) Math.ceil(p / 100 * n) - 1];
            assertThat(h.percentile(p)).as("p%s", p).isCloseTo(exact, within(exact * 0.01 + 1));
        }
    }

    @Test
    void bucketsAreContiguous() {
        for (long v : new long[] {0, 1, 127, 128, 129, 255, 256, 257, 1_000_000, Long.MAX_VALUE / 2}) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.lowest(i)).as("lowest of bucket of %d", v).isLessThanOrEqualTo(v);
            assertThat(LatencyHistogram.lowest(i + 1)).as("next bucket after %d", v).isGreaterThan(v);
        }
    }

    @Test
    void histogramsMergeAndReset() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(20);
        b.record(30);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentile(50)).isEqualTo(20);
        assertThat(a.max()).isEqualTo(30);
        a.reset();
        assertThat(a.count()).isZero();
        assertThat(a.percentile(50)).isZero();
        assertThatThrownBy(() -> a.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesPrintAndParse() {
        assertThat(Sizes.label(8192)).isEqualTo("8K");
        assertThat(Sizes.label(4186112)).isEqualTo("4088K");
        assertThat(Sizes.label(128 << 20)).isEqualTo("128M");
        assertThat(Sizes.label(1L << 30)).isEqualTo("1G");
        assertThat(Sizes.label(1000)).isEqualTo("1000");
        assertThat(Sizes.parse("64k")).isEqualTo(65536);
        assertThat(Sizes.parse("1M")).isEqualTo(1 << 20);
        assertThat(Sizes.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(Sizes.parse("4186112")).isEqualTo(4186112);
        assertThatThrownBy(() -> Sizes.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFullSweepHasEveryPowerOfTwoAndTheVirtioCeiling() {
        assertThat(BenchOptions.fullSweep()).hasSize(16).startsWith(8192).endsWith(128 << 20)
                .contains(4186112, 4 << 20, 1 << 20, 65536);
    }
}
