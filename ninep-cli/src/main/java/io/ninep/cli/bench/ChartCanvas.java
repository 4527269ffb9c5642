package io.ninep.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What every chart of the bench shares: a white image with a title and a subtitle, a plot area
 * with a grid and a y axis, a legend on the right, and the colours and strokes. Drawn with
 * java.awt on a headless BufferedImage; no chart library.
 */
final class ChartCanvas {
    /** Okabe and Ito's colour-blind-safe palette (without its yellow, too pale on white), then greys. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x888888),
    };
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color GRID = new Color(0xE4E4E4);
    static final Color AXIS = new Color(0x444444);
    static final Color TEXT_GREY = new Color(0x555555);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
    static final Stroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke THIN = new BasicStroke(1f);

    /** A legend entry: a name and how its line or bar looks. */
    record LegendEntry(String name, Color color, boolean dashed, int marker, boolean bar) {}

    private ChartCanvas() {}

    /** The plot area of a chart of this size with a legend of these names on the right. */
    static Rectangle plotArea(int width, int height, List<String> legendNames) {
        int legend = legendWidth(legendNames);
        int left = 86;
        int top = 84;
        int right = width - legend - 24;
        int bottom = height - 64;
        return new Rectangle(left, top, Math.max(50, right - left), Math.max(50, bottom - top));
    }

    static int legendWidth(List<String> names) {
        if (names.isEmpty()) {
            return 0;
        }
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        FontMetrics fm = g.getFontMetrics(LABEL);
        int w = 0;
        for (String n : names) {
            w = Math.max(w, fm.stringWidth(n));
        }
        g.dispose();
        return Math.min(340, w + 52);
    }

    static BufferedImage blank(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    static void titles(Graphics2D g, int width, String title, String subtitle) {
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, 20, 28);
        if (subtitle != null && !subtitle.isEmpty()) {
            g.setFont(SUBTITLE);
            g.setColor(TEXT_GREY);
            int y = 48;
            for (String line : subtitle.split("\n")) {
                g.drawString(line, 20, y);
                y += 15;
            }
        }
    }

    /** Horizontal grid lines and the y axis's ticks and label. */
    static void yAxis(Graphics2D g, Rectangle plot, Axis axis, String label) {
        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        for (Axis.Tick t : axis.ticks()) {
            int y = yPixel(plot, axis, t.value());
            g.setColor(GRID);
            g.setStroke(THIN);
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.setColor(AXIS);
            g.drawLine(plot.x - 4, y, plot.x, y);
            g.drawString(t.label(), plot.x - 7 - fm.stringWidth(t.label()), y + fm.getAscent() / 2 - 1);
        }
        g.setColor(AXIS);
        g.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
        g.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height);
        g.setFont(LABEL);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        int w = g.getFontMetrics().stringWidth(label);
        g.drawString(label, -(plot.y + plot.height / 2 + w / 2), 20);
        g.setTransform(saved);
    }

    static void xLabel(Graphics2D g, Rectangle plot, String label, int height) {
        g.setFont(LABEL);
        g.setColor(AXIS);
        int w = g.getFontMetrics().stringWidth(label);
        g.drawString(label, plot.x + plot.width / 2 - w / 2, height - 16);
    }

    static int yPixel(Rectangle plot, Axis axis, double value) {
        return (int) Math.round(plot.y + plot.height * (1 - axis.fraction(value)));
    }

    static void legend(Graphics2D g, Rectangle plot, List<LegendEntry> entries) {
        int x = plot.x + plot.width + 22;
        int y = plot.y + 6;
        g.setFont(LABEL);
        for (LegendEntry e : entries) {
            g.setColor(e.color());
            if (e.bar()) {
                g.fillRect(x, y - 6, 24, 12);
            } else {
                g.setStroke(e.dashed() ? DASHED : SOLID);
                g.drawLine(x, y, x + 28, y);
                marker(g, e.marker(), x + 14, y, e.color());
            }
            g.setColor(Color.BLACK);
            g.drawString(e.name(), x + 36, y + 4);
            y += 20;
        }
    }

    /** A filled marker centred on (x, y): 0 circle, 1 square, 2 triangle, 3 diamond. */
    static void marker(Graphics2D g, int kind, int x, int y, Color color) {
        g.setColor(color);
        g.setStroke(THIN);
        int r = 4;
        switch (Math.floorMod(kind, 4)) {
            case 0 -> g.fillOval(x - r, y - r, 2 * r + 1, 2 * r + 1);
            case 1 -> g.fillRect(x - r, y - r, 2 * r + 1, 2 * r + 1);
            case 2 -> g.fillPolygon(new int[] {x - r - 1, x + r + 1, x}, new int[] {y + r, y + r, y - r - 1}, 3);
            default -> g.fillPolygon(new int[] {x - r - 1, x, x + r + 1, x}, new int[] {y, y - r - 1, y, y + r + 1}, 4);
        }
    }

    static void write(BufferedImage img, Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }
}
