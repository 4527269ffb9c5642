package io.ninep.cli.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A line chart over a log2 x axis (msize), with a log10 or linear y axis: one line per series,
 * a marker at each point and a bar from the smallest to the largest repeat.
 */
public final class LineChart {
    /** A point: x, the median y, and the spread of the repeats (low = high = y for none). */
    public record Point(double x, double y, double low, double high) {
        public static Point of(double x, double y) {
            return new Point(x, y, y, y);
        }
    }

    /** A named line. {@code dashed} for a second kind of the same thing (1 in flight, a baseline). */
    public record Series(String name, Color color, boolean dashed, int marker, List<Point> points) {}

    private final String title;
    private final String subtitle;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final boolean logY;
    private final List<Series> series;
    private final Rectangle plot;
    private final Axis xAxis;
    private final Axis yAxis;

    public LineChart(String title, String subtitle, String xLabel, String yLabel, int width, int height, boolean logY,
                     List<Series> series) {
        this.title = title;
        this.subtitle = subtitle;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
        this.logY = logY;
        this.series = List.copyOf(series);
        this.plot = ChartCanvas.plotArea(width, height, series.stream().map(Series::name).toList());
        double minX = Double.MAX_VALUE;
        double maxX = Double.MIN_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, Math.min(p.low(), p.y()));
                maxY = Math.max(maxY, Math.max(p.high(), p.y()));
            }
        }
        if (minX == Double.MAX_VALUE) {
            minX = 1;
            maxX = 2;
            minY = 1;
            maxY = 10;
        }
        this.xAxis = Axis.log2(minX, maxX);
        this.yAxis = logY ? Axis.log10(Math.max(minY, 1e-6), Math.max(maxY, 1e-6)) : Axis.linear(maxY);
    }

    /** Where the point (x, y) is drawn: {x, y} in pixels. */
    public int[] pixel(double x, double y) {
        return new int[] {(int) Math.round(plot.x + plot.width * xAxis.fraction(x)), ChartCanvas.yPixel(plot, yAxis, y)};
    }

    public BufferedImage render() {
        BufferedImage img = ChartCanvas.blank(width, height);
        Graphics2D g = ChartCanvas.graphics(img);
        ChartCanvas.titles(g, width, title, subtitle);
        ChartCanvas.yAxis(g, plot, yAxis, yLabel);
        xTicks(g);
        ChartCanvas.xLabel(g, plot, xLabel, height);
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>();
        for (Series s : series) {
            drawSeries(g, s);
            legend.add(new ChartCanvas.LegendEntry(s.name(), s.color(), s.dashed(), s.marker(), false));
        }
        // Markers last, so no line crosses one.
        for (Series s : series) {
            for (Point p : s.points()) {
                int[] at = pixel(p.x(), p.y());
                ChartCanvas.marker(g, s.marker(), at[0], at[1], s.color());
            }
        }
        ChartCanvas.legend(g, plot, legend);
        g.dispose();
        return img;
    }

    public void write(Path file) throws IOException {
        ChartCanvas.write(render(), file);
    }

    private void xTicks(Graphics2D g) {
        g.setFont(ChartCanvas.TICK);
        var fm = g.getFontMetrics();
        List<Axis.Tick> ticks = xAxis.ticks();
        int every = 1;
        int widest = ticks.stream().mapToInt(t -> fm.stringWidth(t.label())).max().orElse(10);
        while (ticks.size() / every * (widest + 8) > plot.width) {
            every++;
        }
        for (int i = 0; i < ticks.size(); i++) {
            Axis.Tick t = ticks.get(i);
            int x = (int) Math.round(plot.x + plot.width * xAxis.fraction(t.value()));
            g.setColor(ChartCanvas.GRID);
            g.drawLine(x, plot.y, x, plot.y + plot.height);
            g.setColor(ChartCanvas.AXIS);
            g.drawLine(x, plot.y + plot.height, x, plot.y + plot.height + 4);
            if (i % every == 0) {
                g.drawString(t.label(), x - fm.stringWidth(t.label()) / 2, plot.y + plot.height + 18);
            }
        }
    }

    private void drawSeries(Graphics2D g, Series s) {
        List<Point> points = new ArrayList<>(s.points());
        points.sort(Comparator.comparingDouble(Point::x));
        g.setColor(s.color());
        g.setStroke(s.dashed() ? ChartCanvas.DASHED : ChartCanvas.SOLID);
        Path2D.Double line = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            int[] at = pixel(points.get(i).x(), points.get(i).y());
            if (i == 0) {
                line.moveTo(at[0], at[1]);
            } else {
                line.lineTo(at[0], at[1]);
            }
        }
        g.draw(line);
        g.setStroke(ChartCanvas.THIN);
        for (Point p : points) {
            if (p.high() > p.low()) {
                int[] lo = pixel(p.x(), p.low());
                int[] hi = pixel(p.x(), p.high());
                g.drawLine(lo[0], lo[1], hi[0], hi[1]);
                g.drawLine(lo[0] - 3, lo[1], lo[0] + 3, lo[1]);
                g.drawLine(hi[0] - 3, hi[1], hi[0] + 3, hi[1]);
            }
        }
    }

    static Color color(int i) {
        return ChartCanvas.PALETTE[Math.floorMod(i, ChartCanvas.PALETTE.length)];
    }
}
