package dev.gatehouse.report;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables and CSV for answers: the readable and the spreadsheet forms. */
public final class Tables {
    private Tables() {
    }

    /** A table with a header row, columns padded to their widest cell; cells may hold several lines. */
    public static String table(List<String> header, List<List<String>> rows) {
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header.get(i).length();
        }
        rows = rows.stream().map(r -> r.stream().map(dev.gatehouse.policy.Printable::lines).toList()).toList();
        for (List<String> r : rows) {
            for (int i = 0; i < n; i++) {
                for (String line : r.get(i).split("\n", -1)) {
                    w[i] = Math.max(w[i], Math.min(line.length(), 90));
                }
            }
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
