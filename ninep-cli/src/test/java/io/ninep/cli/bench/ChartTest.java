package io.ninep.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    private static final Color BLUE = new Color(0x0072B2);
    private static final Color RED = new Color(0xD55E00);

    @Test
    void aLineChartIsAPngOfTheAskedSizeWithAMarkerAtEveryPoint() throws Exception {
        var fast = new LineChart.Series("fast", BLUE, false, 0, List.of(LineChart.Point.of(8192, 100),
                new LineChart.Point(1 << 20, 2000, 1800, 2100), LineChart.Point.of(128 << 20, 3000)));
        var slow = new LineChart.Series("slow", RED, true, 1, List.of(LineChart.Point.of(8192, 20),
                LineChart.Point.of(1 << 20, 400)));
        LineChart chart = new LineChart("Title", "subtitle", "msize", "MiB/s", 900, 500, true, List.of(fast, slow));
        Path file = dir.resolve("line.png");
        chart.write(file);

        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(500);
        for (var s : List.of(fast, slow)) {
            for (var p : s.points()) {
                int[] at = chart.pixel(p.x(), p.y());
                assertThat(new Color(img.getRGB(at[0], at[1]))).as("%s at %s", s.name(), p).isEqualTo(s.color());
            }
        }
        // A log2 axis: each doubling is the same distance.
        int x8k = chart.pixel(8192, 100)[0];
        int x16k = chart.pixel(16384, 100)[0];
        int x32k = chart.pixel(32768, 100)[0];
        assertThat(x32k - x16k).isCloseTo(x16k - x8k, org.assertj.core.api.Assertions.within(1));
        // Higher is up.
        assertThat(chart.pixel(8192, 3000)[1]).isLessThan(chart.pixel(8192, 100)[1]);
        assertThat(Files.size(file)).isLessThan(200_000);
    }

    @Test
    void aBarChartFillsEachBarWithItsSeriesColour() throws Exception {
        var a = new BarChart.Series("a", BLUE, Arrays.asList(Summary.of(100), Summary.of(1000), null));
        var b = new BarChart.Series("b", RED, Arrays.asList(Summary.of(50), Summary.of(5, 2, 8, 3), Summary.of(400)));
        BarChart chart = new BarChart("Bars", "sub", "ops/s", 800, 400, true, List.of("one", "two\nlines", "three"),
                List.of(a, b), List.of(new BarChart.Reference(300, "target", Color.GREEN)));
        Path file = dir.resolve("bar.png");
        chart.write(file);

        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(400);
        // Just below the top of a bar, inside it, is the series colour.
        int[] topA = chart.barTop(1, 0, 1000);
        assertThat(new Color(img.getRGB(topA[0] - 3, topA[1] + 3))).isEqualTo(BLUE);
        int[] topB = chart.barTop(2, 1, 400);
        assertThat(new Color(img.getRGB(topB[0] - 3, topB[1] + 3))).isEqualTo(RED);
        // The missing bar is not drawn: white where it would be.
        int[] missing = chart.barTop(2, 0, 400);
        assertThat(new Color(img.getRGB(missing[0], missing[1] + 3))).isNotEqualTo(BLUE);
    }

    @Test
    void axesTickAtPowersOfTwoAndAtOneTwoFive() {
        assertThat(Axis.log2(8192, 128 << 20).ticks()).extracting(Axis.Tick::label)
                .startsWith("8K", "16K").contains("1M", "4M").endsWith("128M");
        assertThat(Axis.log10(30, 4000).ticks()).extracting(Axis.Tick::label)
                .containsExactly("20", "50", "100", "200", "500", "1 000", "2 000", "5 000");
        assertThat(Axis.linear(900).ticks()).extracting(Axis.Tick::value).contains(0.0).last()
                .satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(900));
    }

    @Test
    void chartsOfARunAreWrittenForTheFamiliesItHas() throws Exception {
        List<Result> rs = List.of(
                new Result(Family.SEQ, "sequential", "ninep", "memory", "tcp", "read", 8192, 1, 1, Metric.THROUGHPUT,
                        Summary.of(90, 100, 110), ""),
                new Result(Family.SEQ, "sequential", "ninep", "memory", "tcp", "read", 1 << 20, 1, 1, Metric.THROUGHPUT,
                        Summary.of(1000), ""),
                new Result(Family.BASELINE, "blast", "raw", "-", "tcp", "read", 8192, 1, 1, Metric.THROUGHPUT,
                        Summary.of(500), ""),
                new Result(Family.READDIR, "spi", "ninep", "memory", "-", "readdir", 1 << 20, 1, 1, Metric.TIME_PER_ENTRY,
                        Summary.of(300), ""));
        List<Path> files = new Charts(rs, "machine").writeAll(dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("seq-read-tcp.png", "readdir.png");
        for (Path f : files) {
            assertThat(ImageIO.read(f.toFile()).getWidth()).isPositive();
        }
    }
}
