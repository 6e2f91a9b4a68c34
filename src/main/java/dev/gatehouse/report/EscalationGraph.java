package dev.gatehouse.report;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

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

    /** The number of different edge names leaving a node. */
    private static long more(Set<List<String>> arrows, String from) {
        return arrows.stream().filter(a -> a.get(0).equals(from)).map(a -> a.get(2)).distinct().count();
    }

    /** The fill of a state a step leads to (not a principal): apart from the administrators' colour. */
    static final String STATE = "#e6dcf5";

    /** The most escalating principals drawn: beyond it the picture is unreadable; the table below lists them all. */
    public static final int MAX_DRAWN = 250;

    public static String html(String title, List<EscalationAnswer> all) {
        // the nearest to an administrator first, by name within one distance
        List<EscalationAnswer> escalating = all.stream().filter(a -> !a.paths().isEmpty())
                .sorted(java.util.Comparator.comparingInt((EscalationAnswer a) -> a.paths().get(0).size())
                        .thenComparing(EscalationAnswer::principal)).toList();
        List<EscalationAnswer> answers = new ArrayList<>(escalating.subList(0, Math.min(MAX_DRAWN, escalating.size())));
        all.stream().filter(a -> a.paths().isEmpty()).forEach(answers::add);
        String drawnNote = escalating.size() > MAX_DRAWN ? "<p><b>The picture shows the " + MAX_DRAWN + " of "
                + escalating.size() + " escalating principals nearest to an administrator; the table lists them all.</b></p>\n" : "";
        // the nodes and steps of each principal's first shortest path
        Map<String, Integer> column = new LinkedHashMap<>();
        Set<List<String>> arrows = new LinkedHashSet<>();
        Set<String> conditionalNodes = new LinkedHashSet<>();
        Set<String> admins = new LinkedHashSet<>();
        Map<String, Set<String>> succ = new LinkedHashMap<>();
        for (EscalationAnswer a : answers) {
            if (a.admin() && !a.paths().isEmpty()) {
                admins.add(a.principal());
            }
            if (a.paths().isEmpty()) {
                continue;
            }
            List<EscalationStep> path = a.paths().get(0);
            for (int i = 0; i < path.size(); i++) {
                EscalationStep s = path.get(i);
                column.merge(s.from(), path.size() - i, Math::max);
                column.putIfAbsent(s.to(), path.size() - i - 1);
                arrows.add(List.of(s.from(), s.to(), s.edge(), s.conditions().isEmpty() ? "" : "c"));
                succ.computeIfAbsent(s.from(), k -> new LinkedHashSet<>()).add(s.to());
                if (!s.conditions().isEmpty()) {
                    conditionalNodes.add(s.from());
                }
            }
            admins.add(path.get(path.size() - 1).to());
        }
        admins.forEach(n -> column.putIfAbsent(n, 0));
        int maxCol = column.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<Integer, List<String>> byCol = new LinkedHashMap<>();
        column.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byCol.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey()));
        // administrators by how many arrows reach them; every other column by where its arrows go (fewer crossings)
        Map<String, Long> indegree = new LinkedHashMap<>();
        arrows.forEach(a -> indegree.merge(a.get(1), 1L, Long::sum));
        byCol.getOrDefault(0, new ArrayList<>()).sort((x, y) -> Long.compare(indegree.getOrDefault(y, 0L), indegree.getOrDefault(x, 0L)));
        Map<String, Integer> row = new LinkedHashMap<>();
        for (int c = 0; c <= maxCol; c++) {
            List<String> ns = byCol.getOrDefault(c, new ArrayList<>());
            if (c > 0) {
                Map<String, Double> bary = new LinkedHashMap<>();
                for (String n : ns) {
                    bary.put(n, succ.getOrDefault(n, Set.of()).stream().filter(row::containsKey).mapToInt(row::get).average().orElse(1e9));
                }
                ns.sort((x, y) -> Double.compare(bary.get(x), bary.get(y)) != 0 ? Double.compare(bary.get(x), bary.get(y)) : x.compareTo(y));
            }
            for (int r = 0; r < ns.size(); r++) {
                row.put(ns.get(r), r);
            }
        }
        // boxes as wide as the longest name needs (about 6.3 px a character at 11 px), within 300–560 px: a name is cut
        // (its whole self on hover) only past that
        int longest = byCol.values().stream().flatMap(List::stream).mapToInt(n -> shortName(n).length()).max().orElse(40);
        int boxW = Math.max(300, Math.min(560, (int) Math.ceil(longest * 6.3) + 14));
        int nameChars = (boxW - 14) * 10 / 63;
        int boxH = 26;
        int colGap = 260;
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
        Set<String> labelled = new LinkedHashSet<>();
        Map<String, Integer> labelsAt = new LinkedHashMap<>();
        // the edges' names are drawn after every arrow, on a white halo, so that no line runs over one
        StringBuilder labels = new StringBuilder();
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
            String style = "\" stroke=\"#444\" fill=\"none\" marker-end=\"url(#arrow)\"" + (a.get(3).isEmpty() ? "" : " stroke-dasharray=\"5,3\"")
                    + "><title>" + esc(a.get(2)) + " → " + esc(a.get(1)) + "</title>";
            if (indegree.getOrDefault(a.get(1), 0L) > 3 && x2 > x1 + 80) {
                // many arrows into one box: bundled, each meets the others a little before it and they go in as one
                int xj = x2 - 50;
                svg.append("<polyline points=\"").append(x1).append(',').append(y1).append(' ').append(xj).append(',').append(y2)
                        .append(' ').append(x2).append(',').append(y2).append(style).append("</polyline>\n");
            } else {
                svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2).append("\" y2=\"")
                        .append(y2).append(style).append("</line>\n");
            }
            // the edge's name once per source, stacked beside the box it leaves
            String key = a.get(0) + "|" + a.get(2);
            if (labelled.add(key)) {
                int k = labelsAt.merge(a.get(0), 1, Integer::sum) - 1;
                if (k < 3) {
                    String edge = k == 2 && more(arrows, a.get(0)) > 3 ? "+ " + (more(arrows, a.get(0)) - 2) + " more"
                            : a.get(2).length() > 46 ? a.get(2).substring(0, 45) + "…" : a.get(2);
                    labels.append("<text class=\"edge\" x=\"").append(x1 + 4).append("\" y=\"").append(f[1] + 9 + k * 11)
                            .append("\" fill=\"#225\" font-size=\"10\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\" "
                                    + "stroke-linejoin=\"round\"><title>").append(esc(a.get(2))).append("</title>").append(esc(edge)).append("</text>\n");
                }
            }
        }
        svg.append(labels);
        for (Map.Entry<String, int[]> e : pos.entrySet()) {
            String n = e.getKey();
            // a state ("… [with a policy of its choosing]") is where a step leads, not a principal that is administrator now
            boolean state = n.contains(" [");
            String fill = column.get(n) == 0 ? (state ? STATE : "#f4c7c3") : conditionalNodes.contains(n) ? "#fde9b6" : "#d6e4f5";
            String name = shortName(n);
            svg.append("<g><title>").append(esc(n)).append("</title><rect x=\"").append(e.getValue()[0]).append("\" y=\"")
                    .append(e.getValue()[1]).append("\" width=\"").append(boxW).append("\" height=\"").append(boxH)
                    .append("\" rx=\"4\" fill=\"").append(fill).append("\" stroke=\"#555\"")
                    .append(state ? " stroke-dasharray=\"3,2\"" : "").append("/><text x=\"").append(e.getValue()[0] + 6)
                    .append("\" y=\"").append(e.getValue()[1] + 17).append("\">")
                    .append(esc(name.length() > nameChars ? name.substring(0, nameChars - 1) + "…" : name)).append("</text></g>\n");
        }
        svg.append("</svg>\n");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:20px}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                        + "padding:3px 6px;font-size:12px;vertical-align:top}.legend span{display:inline-block;padding:2px 8px;margin-right:8px;"
                        + "border:1px solid #555}</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n")
                .append("<p class=\"legend\"><span style=\"background:#f4c7c3\">administrator</span>"
                        + "<span style=\"background:" + STATE + ";border-style:dashed\">a state a step leads to, administrator once "
                        + "reached (e.g. a principal with a policy of its choosing)</span>"
                        + "<span style=\"background:#d6e4f5\">can escalate</span><span style=\"background:#fde9b6\">"
                        + "escalates only under conditions (dashed)</span> Hover a box or an arrow for its full name.</p>\n")
                .append(drawnNote)
                .append("<div id=\"graph\" style=\"overflow:auto\">\n").append(svg).append("</div>\n")
                .append("<h2>Paths</h2>\n<p><span id=\"paths-count\"></span> Click a column header to sort; type to filter.</p>\n"
                        + "<input id=\"paths-filter\" placeholder=\"filter paths\" oninput=\"filterRows('paths','paths-filter','paths-count',false)\">\n"
                        + "<table id=\"paths\"><thead><tr>");
        String[] heads = {"principal", "admin", "can escalate", "shortest path", "proof"};
        for (int i = 0; i < heads.length; i++) {
            h.append("<th onclick=\"sortBy('paths',").append(i).append(")\" style=\"cursor:pointer\">").append(heads[i]).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (EscalationAnswer a : all) {
            if (!a.admin() && !a.canEscalate()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            StringBuilder proof = new StringBuilder();
            if (!a.paths().isEmpty()) {
                for (EscalationStep s : a.paths().get(0)) {
                    path.append("→ ").append(esc(s.edge())).append(" → ").append(esc(shortName(s.to()))).append("<br>");
                    s.proof().forEach(p -> proof.append(esc(p)).append("<br>"));
                    s.conditions().forEach(c -> proof.append("<i>").append(esc(c)).append("</i><br>"));
                }
            }
            h.append("<tr><td>").append(esc(a.principal())).append("</td><td>").append(a.admin() ? "yes" : "no").append("</td><td>")
                    .append(a.canEscalate() ? (a.conditional() ? "conditional" : "yes") : "no").append("</td><td>").append(path)
                    .append("</td><td>").append(proof).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<script>\n").append(ReportWriter.TABLE_SCRIPT)
                .append("filterRows('paths','paths-filter','paths-count',false);\n</script>\n</body></html>\n");
        return h.toString();
    }
}
