package dev.gatehouse.report;

import dev.gatehouse.query.Escalations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The escalation graph as a self-contained HTML page with an SVG picture: one column per number of steps
 * to an administrator (administrators on the right), a box per principal or changed state on a shortest
 * path, an arrow per step labelled with its edge; dashed arrows and amber boxes for conditional steps.
 * Below it, the same paths as a table. No script, no external file.
 */
public final class EscalationGraph {
    private EscalationGraph() {
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The last part of an ARN, and the state in brackets: what fits in a box. */
    static String shortName(String label) {
        int bracket = label.indexOf(" [");
        String arn = bracket < 0 ? label : label.substring(0, bracket);
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String kind = arn.contains(":user/") ? "user " : arn.contains(":role/") ? "role " : "";
        return kind + name + (bracket < 0 ? "" : label.substring(bracket));
    }

    public static String html(String title, List<Escalations.Answer> answers) {
        // the nodes and steps of every shown path
        Map<String, Integer> column = new LinkedHashMap<>();
        Set<List<String>> arrows = new LinkedHashSet<>();
        Set<String> conditionalNodes = new LinkedHashSet<>();
        Set<String> admins = new LinkedHashSet<>();
        for (Escalations.Answer a : answers) {
            if (a.admin()) {
                admins.add(a.principal());
            }
            for (List<Escalations.Step> path : a.paths()) {
                for (int i = 0; i < path.size(); i++) {
                    Escalations.Step s = path.get(i);
                    column.merge(s.from(), path.size() - i, Math::max);
                    column.putIfAbsent(s.to(), path.size() - i - 1);
                    arrows.add(List.of(s.from(), s.to(), s.edge(), s.conditions().isEmpty() ? "" : "c"));
                    if (!s.conditions().isEmpty()) {
                        conditionalNodes.add(s.from());
                    }
                }
                admins.add(path.get(path.size() - 1).to());
            }
        }
        admins.forEach(n -> column.putIfAbsent(n, 0));
        int maxCol = column.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<Integer, List<String>> byCol = new LinkedHashMap<>();
        column.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byCol.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey()));
        int boxW = 300;
        int boxH = 26;
        int colGap = 170;
        int rowGap = 12;
        Map<String, int[]> pos = new LinkedHashMap<>();
        int maxRows = 0;
        for (int c = 0; c <= maxCol; c++) {
            List<String> ns = byCol.getOrDefault(c, List.of());
            maxRows = Math.max(maxRows, ns.size());
            for (int r = 0; r < ns.size(); r++) {
                pos.put(ns.get(r), new int[] {20 + (maxCol - c) * (boxW + colGap), 40 + r * (boxH + rowGap)});
            }
        }
        int width = 40 + (maxCol + 1) * boxW + maxCol * colGap;
        int height = 60 + Math.max(1, maxRows) * (boxH + rowGap);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                        + "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>\n");
        for (int c = 0; c <= maxCol; c++) {
            int x = 20 + (maxCol - c) * (boxW + colGap);
            svg.append("<text x=\"").append(x).append("\" y=\"22\" font-weight=\"bold\">")
                    .append(c == 0 ? "administrator" : c + (c == 1 ? " step" : " steps") + " away").append("</text>\n");
        }
        for (List<String> a : arrows) {
            int[] f = pos.get(a.get(0));
            int[] t = pos.get(a.get(1));
            int x1 = f[0] + boxW;
            int y1 = f[1] + boxH / 2;
            int x2 = t[0];
            int y2 = t[1] + boxH / 2;
            if (x2 <= x1) { // an arrow within a column: around the right side
                x2 = t[0] + boxW;
            }
            svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2).append("\" y2=\"").append(y2)
                    .append("\" stroke=\"#444\" marker-end=\"url(#arrow)\"").append(a.get(3).isEmpty() ? "" : " stroke-dasharray=\"5,3\"")
                    .append("><title>").append(esc(a.get(2))).append("</title></line>\n");
            String edge = a.get(2).length() > 34 ? a.get(2).substring(0, 33) + "…" : a.get(2);
            svg.append("<text x=\"").append((x1 + x2) / 2 - 60).append("\" y=\"").append((y1 + y2) / 2 - 3).append("\" fill=\"#225\">")
                    .append(esc(edge)).append("</text>\n");
        }
        for (Map.Entry<String, int[]> e : pos.entrySet()) {
            String n = e.getKey();
            String fill = column.get(n) == 0 ? "#f4c7c3" : conditionalNodes.contains(n) ? "#fde9b6" : "#d6e4f5";
            String name = shortName(n);
            svg.append("<g><title>").append(esc(n)).append("</title><rect x=\"").append(e.getValue()[0]).append("\" y=\"")
                    .append(e.getValue()[1]).append("\" width=\"").append(boxW).append("\" height=\"").append(boxH)
                    .append("\" rx=\"4\" fill=\"").append(fill).append("\" stroke=\"#555\"/><text x=\"").append(e.getValue()[0] + 6)
                    .append("\" y=\"").append(e.getValue()[1] + 17).append("\">")
                    .append(esc(name.length() > 48 ? name.substring(0, 47) + "…" : name)).append("</text></g>\n");
        }
        svg.append("</svg>\n");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:20px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                        + "padding:3px 6px;font-size:12px;vertical-align:top}.legend span{display:inline-block;padding:2px 8px;margin-right:8px;"
                        + "border:1px solid #555}</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n")
                .append("<p class=\"legend\"><span style=\"background:#f4c7c3\">administrator</span>"
                        + "<span style=\"background:#d6e4f5\">can escalate</span><span style=\"background:#fde9b6\">"
                        + "escalates only under conditions (dashed)</span> Hover a box or an arrow for its full name.</p>\n")
                .append("<div id=\"graph\" style=\"overflow:auto\">\n").append(svg).append("</div>\n")
                .append("<h2>Paths</h2>\n<table><tr><th>principal</th><th>admin</th><th>can escalate</th><th>shortest path</th>"
                        + "<th>proof</th></tr>\n");
        for (Escalations.Answer a : answers) {
            if (!a.admin() && !a.canEscalate()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            StringBuilder proof = new StringBuilder();
            if (!a.paths().isEmpty()) {
                for (Escalations.Step s : a.paths().get(0)) {
                    path.append("→ ").append(esc(s.edge())).append(" → ").append(esc(shortName(s.to()))).append("<br>");
                    s.proof().forEach(p -> proof.append(esc(p)).append("<br>"));
                    s.conditions().forEach(c -> proof.append("<i>").append(esc(c)).append("</i><br>"));
                }
            }
            h.append("<tr><td>").append(esc(a.principal())).append("</td><td>").append(a.admin() ? "yes" : "no").append("</td><td>")
                    .append(a.canEscalate() ? (a.conditional() ? "conditional" : "yes") : "no").append("</td><td>").append(path)
                    .append("</td><td>").append(proof).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }
}
