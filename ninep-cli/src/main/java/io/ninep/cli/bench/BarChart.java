package io.ninep.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Grouped bars: a group per category along x, a bar per series in each group, a log10 or
 * linear y axis, a whisker from the smallest to the largest repeat, and optional horizontal
 * reference lines (a target, a baseline).
 */
public final class BarChart {
    /** A named set of bars, one value per category (null where there is none). */
    public record Series(String name, Color color, List<Summary> values) {}

    /** A horizontal line across the plot at {@code value}, labelled at its right end. */
    public record Reference(double value, String label, Color color) {}

    private final String title;
    private final String subtitle;
    private final String yLabel;
    private final int width;
    private final int height;
    private final List<String> categories;
    private final List<Series> series;
    private final List<Reference> references;
    private final Rectangle plot;
    private final Axis yAxis;

    public BarChart(String title, String subtitle, String yLabel, int width, int height, boolean logY,
                    List<String> categories, List<Series> series, List<Reference> references) {
        this.title = title;
        this.subtitle = subtitle;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        this.references = List.copyOf(references);
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().size() + " values for "
                        + categories.size() + " categories");
            }
        }
        this.plot = ChartCanvas.plotArea(width, height - 14, series.stream().map(Series::name).toList());
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Series s : series) {
            for (Summary v : s.values()) {
                if (v != null) {
                    min = Math.min(min, Math.min(v.min(), v.median()));
                    max = Math.max(max, Math.max(v.max(), v.median()));
                }
            }
        }
        for (Reference r : references) {
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
        }
        if (max == 0) {
            min = 1;
            max = 10;
        }
        this.yAxis = logY ? Axis.log10(Math.max(min, 1e-6), max) : Axis.linear(max * 1.05);
    }

    /** The centre of the top edge of the bar of series {@code s} in category {@code c}, for a value. */
    public int[] barTop(int c, int s, double value) {
        double slot = (double) plot.width / categories.size();
        double barWidth = slot * 0.8 / series.size();
        double x = plot.x + slot * c + slot * 0.1 + barWidth * s + barWidth / 2;
        return new int[] {(int) Math.round(x), ChartCanvas.yPixel(plot, yAxis, value)};
    }

    public BufferedImage render() {
        BufferedImage img = ChartCanvas.blank(width, height);
        Graphics2D g = ChartCanvas.graphics(img);
        ChartCanvas.titles(g, width, title, subtitle);
        ChartCanvas.yAxis(g, plot, yAxis, yLabel);
        double slot = (double) plot.width / categories.size();
        double barWidth = slot * 0.8 / series.size();
        int bottom = plot.y + plot.height;
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            for (int c = 0; c < categories.size(); c++) {
                Summary v = ser.values().get(c);
                if (v == null || !(v.median() > 0)) {
                    continue;
                }
                int[] top = barTop(c, s, v.median());
                int left = (int) Math.round(top[0] - barWidth / 2);
                int w = Math.max(1, (int) Math.round(barWidth) - 1);
                g.setColor(ser.color());
                g.fillRect(left, top[1], w, Math.max(1, bottom - top[1]));
                if (v.max() > v.min()) {
                    int lo = ChartCanvas.yPixel(plot, yAxis, v.min());
                    int hi = ChartCanvas.yPixel(plot, yAxis, v.max());
                    g.setColor(Color.BLACK);
                    g.setStroke(ChartCanvas.THIN);
                    g.drawLine(top[0], lo, top[0], hi);
                    g.drawLine(top[0] - 2, hi, top[0] + 2, hi);
                    g.drawLine(top[0] - 2, lo, top[0] + 2, lo);
                }
            }
        }
        g.setFont(ChartCanvas.TICK);
        var fm = g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            int centre = (int) Math.round(plot.x + slot * c + slot / 2);
            int y = bottom + 16;
            for (String line : categories.get(c).split("\n")) {
                g.setColor(ChartCanvas.AXIS);
                g.drawString(line, centre - fm.stringWidth(line) / 2, y);
                y += 13;
            }
        }
        for (Reference r : references) {
            int y = ChartCanvas.yPixel(plot, yAxis, r.value());
            g.setColor(r.color());
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.setFont(ChartCanvas.TICK);
            g.drawString(r.label(), plot.x + plot.width - fm.stringWidth(r.label()) - 4, y - 4);
        }
        List<ChartCanvas.LegendEntry> legend = new ArrayList<>();
        for (Series s : series) {
            legend.add(new ChartCanvas.LegendEntry(s.name(), s.color(), false, 0, true));
        }
        ChartCanvas.legend(g, plot, legend);
        g.dispose();
        return img;
    }

    public void write(Path file) throws IOException {
        ChartCanvas.write(render(), file);
    }
}
