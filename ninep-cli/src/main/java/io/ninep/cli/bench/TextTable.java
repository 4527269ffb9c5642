package io.ninep.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of text cells, printed aligned for a terminal or as a Markdown table. Numeric columns
 * are right-aligned; a cell may be empty.
 */
public final class TextTable {
    private final String title;
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param title printed above the table
     * @param headers the column names; a name starting with '>' marks a right-aligned column
     *     (the '>' is not printed)
     */
    public TextTable(String title, String... headers) {
        this.title = title;
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    public String title() {
        return title;
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.size() + " columns: "
                    + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    public List<String> headers() {
        return List.copyOf(headers);
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** The table for a terminal: title, header, a rule, rows; columns two spaces apart. */
    public String text() {
        int[] width = widths();
        StringBuilder b = new StringBuilder();
        b.append(title).append('\n');
        line(b, headers, width);
        int total = 0;
        for (int w : width) {
            total += w;
        }
        b.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
        for (List<String> r : rows) {
            line(b, r, width);
        }
        return b.toString();
    }

    /** The table in GitHub Markdown, with its title as a bold line above it. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("**").append(title).append("**\n\n|");
        for (String h : headers) {
            b.append(' ').append(escape(h)).append(" |");
        }
        b.append("\n|");
        for (boolean right : rightAligned) {
            b.append(right ? "---:|" : "---|");
        }
        b.append('\n');
        for (List<String> r : rows) {
            b.append('|');
            for (String c : r) {
                b.append(' ').append(escape(c)).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private int[] widths() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        return width;
    }

    private void line(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(rightAligned[i] ? pad + c : c + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    // ---- number formats shared by the reports ----

    /** A number with spaces between groups of three digits, rounded to {@code decimals}. */
    public static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String s = String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
        return s.replace(',', ' ');
    }

    /** A figure with about three significant digits: 12 345, 1 234, 123, 12.3, 1.23, 0.123. */
    public static String figure(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double a = Math.abs(value);
        if (a >= 100 || a == 0) {
            return number(value, 0);
        }
        if (a >= 10) {
            return number(value, 1);
        }
        if (a >= 1) {
            return number(value, 2);
        }
        return number(value, 3);
    }
}
