package dev.gatehouse.report;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables and CSV for answers: the readable and the spreadsheet forms. */
public final class Tables {
    private Tables() {
    }

    /** A table with a header row, columns padded to their widest cell; cells may hold several lines. */
    public static String table(List<String> header, List<List<String>> rows) {
        return table(header, rows, 0);
    }

    /** The narrowest a column is made to fit a width: its header, and at least this. */
    private static final int MIN_COLUMN = 12;

    /**
     * A table fitted to {@code width} characters (0: no limit): the columns share it fairly ({@link #fit}), never
     * below their header or {@value #MIN_COLUMN}, and a cell line longer than its column is wrapped — after a space,
     * comma, slash or colon where there is one — so nothing is cut off.
     */
    public static String table(List<String> header, List<List<String>> rows, int width) {
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
        }
        rows = rows.stream().map(r -> r.stream().map(dev.gatehouse.policy.Printable::lines).toList()).toList();
        for (List<String> r : rows) {
            for (int i = 0; i < n; i++) {
                for (String line : r.get(i).split("\n", -1)) {
                    w[i] = Math.max(w[i], width > 0 ? line.length() : Math.min(line.length(), 90));
                }
            }
        }
        if (width > 0) {
            fit(w, header, width - 2 * (n - 1));
            int[] cols = w;
            rows = rows.stream().map(r -> {
                List<String> wrapped = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    wrapped.add(wrap(r.get(i), cols[i]));
                }
                return wrapped;
            }).toList();
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rule.add("-".repeat(w[i]));
        }
        line(sb, rule, w);
        for (List<String> r : rows) {
            List<String[]> cells = new ArrayList<>();
            int height = 1;
            for (String c : r) {
                String[] lines = c.split("\n", -1);
                cells.add(lines);
                height = Math.max(height, lines.length);
            }
            for (int k = 0; k < height; k++) {
                List<String> l = new ArrayList<>();
                for (String[] c : cells) {
                    l.add(k < c.length ? c[k] : "");
                }
                line(sb, l, w);
            }
        }
        return sb.toString();
    }

    /**
     * Shares {@code budget} among the columns fairly (max-min): a column narrower than an equal share keeps its width,
     * the others share what is left equally, never below their header or {@value #MIN_COLUMN}.
     */
    private static void fit(int[] w, List<String> header, int budget) {
        int n = w.length;
        boolean[] fixed = new boolean[n];
        int left = budget;
        int open = n;
        boolean changed = true;
        while (changed && open > 0) {
            changed = false;
            int share = Math.max(left / open, 1);
            for (int i = 0; i < n; i++) {
                if (!fixed[i] && w[i] <= share) {
                    fixed[i] = true;
                    left -= w[i];
                    open--;
                    changed = true;
                }
            }
        }
        if (open == 0) {
            return;
        }
        int share = left / open;
        int extra = left % open;
        for (int i = 0; i < n; i++) {
            if (!fixed[i]) {
                w[i] = Math.max(Math.max(header.get(i).length(), MIN_COLUMN), share + (extra-- > 0 ? 1 : 0));
            }
        }
    }

    /** A cell's lines wrapped to {@code width}: broken after the last space, comma, slash or colon that fits, else at the width. */
    static String wrap(String cell, int width) {
        StringBuilder out = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            String rest = line;
            while (rest.length() > width) {
                int cut = -1;
                for (int k = width; k > width / 3; k--) {
                    char c = rest.charAt(k - 1);
                    if (c == ' ' || c == ',' || c == '/' || c == ':') {
                        cut = k;
                        break;
                    }
                }
                if (cut < 0) {
                    cut = width;
                }
                out.append(rest, 0, cut).append('\n');
                rest = rest.substring(cut).stripLeading();
            }
            out.append(rest).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells.get(i);
            l.append(c);
            if (i < cells.size() - 1) {
                l.append(" ".repeat(Math.max(0, w[i] - c.length())));
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** RFC 4180 CSV: a header and rows, cells quoted when they need it. */
    public static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        csvLine(sb, header);
        rows.forEach(r -> csvLine(sb, r));
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = dev.gatehouse.policy.Printable.line(cells.get(i));
            if (c.contains(",") || c.contains("\"")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append("\r\n");
    }
}
