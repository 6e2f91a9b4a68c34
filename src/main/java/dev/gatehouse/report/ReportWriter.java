package dev.gatehouse.report;

import dev.gatehouse.api.ReportRow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.query.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes the reachability report as report.json, report.csv and a self-contained report.html. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * The report's files by name — report.json, report.csv, report.html — for the caller to write whole.
     * {@code intro}: HTML placed under the title of report.html (a link to the escalation graph);
     * {@code incomplete}: what could not all be read, with why (OrgSnapshot.incomplete()), summed up at the top
     * of report.html. Each row that rests on it carries its reason in every format.
     */
    public static java.util.Map<String, String> render(List<ReportRow> rows, String title, String intro,
                                                       java.util.Map<String, String> incomplete) throws IOException {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        ArrayNode a = Json.mapper().createArrayNode();
        for (ReportRow r : rows) {
            ObjectNode o = a.addObject();
            o.put("resource", r.resource());
            o.put("access", r.access());
            o.put("principal", r.principal());
            o.put("type", r.type());
            o.put("decision", r.decision().word());
            r.actions().forEach(o.putArray("actions")::add);
            r.via().forEach(o.putArray("via")::add);
            r.conditions().forEach(o.putArray("conditions")::add);
            r.grants().forEach(o.putArray("grants")::add);
            if (r.incomplete() != null) {
                o.put("incomplete", r.incomplete());
            }
        }
        files.put("report.json", Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a) + "\n");
        List<String> header = List.of("resource", "access", "principal", "type", "decision", "actions", "via", "conditions",
                "incomplete");
        List<List<String>> cells = new ArrayList<>();
        for (ReportRow r : rows) {
            cells.add(List.of(r.resource(), r.access(), r.principal(), r.type(), r.decision().word(), String.join("; ", r.actions()),
                    String.join(" → ", r.via()), String.join("; ", r.conditions()), r.incomplete() == null ? "" : r.incomplete()));
        }
        files.put("report.csv", Tables.csv(header, cells));
        files.put("report.html", html(title, header, cells, rows.stream().map(ReportRow::actions).toList()).replace("<!--intro-->",
                incompleteSummary(rows, incomplete) + intro + resourcesHtml(rows)));
        return files;
    }

    /**
     * The rows grouped by resource, one line each: how many distinct principals may read, write, manage the
     * permissions of or assume it, how many of its rows are Conditional or incomplete; the resource links to its rows
     * (the filter set to it). Sortable and filterable as the rows are.
     */
    static String resourcesHtml(List<ReportRow> rows) {
        java.util.Map<String, java.util.Map<String, java.util.Set<String>>> by = new java.util.TreeMap<>();
        java.util.Map<String, int[]> marks = new java.util.TreeMap<>();
        List<String> kinds = new ArrayList<>();
        for (ReportRow r : rows) {
            by.computeIfAbsent(r.resource(), k -> new java.util.LinkedHashMap<>()).computeIfAbsent(r.access(), k -> new java.util.TreeSet<>())
                    .add(r.principal());
            int[] m = marks.computeIfAbsent(r.resource(), k -> new int[3]);
            m[0]++;
            m[1] += r.decision() == dev.gatehouse.api.Verdict.CONDITIONAL ? 1 : 0;
            m[2] += r.incomplete() == null ? 0 : 1;
            if (!kinds.contains(r.access())) {
                kinds.add(r.access());
            }
        }
        StringBuilder sb = new StringBuilder("<h2>By resource</h2>\n<p><span id=\"resources-count\">").append(by.size())
                .append(by.size() == 1 ? " resource" : " resources").append("</span>: the distinct principals of each kind of access; "
                        + "a resource opens its rows below.</p>\n<input id=\"resources-filter\" placeholder=\"filter resources\" "
                        + "oninput=\"filterRows('resources','resources-filter','resources-count',false)\">\n<table id=\"resources\"><thead><tr>");
        List<String> header = new ArrayList<>(List.of("resource", "rows"));
        kinds.forEach(k -> header.add("principals that can " + (k.equals("permissions") ? "manage its permissions" : k)));
        header.addAll(List.of("conditional rows", "incomplete rows"));
        for (int i = 0; i < header.size(); i++) {
            sb.append("<th onclick=\"sortBy('resources',").append(i).append(")\">").append(esc(header.get(i))).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        by.forEach((res, access) -> {
            int[] m = marks.get(res);
            sb.append("<tr><td><a href=\"#filter=").append(esc(java.net.URLEncoder.encode(res, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))).append("\" onclick=\"document.getElementById('filter').value=this.textContent;"
                    + "filterRows('report','filter','count',true);document.getElementById('report').scrollIntoView();return false\">")
                    .append(esc(res)).append("</a></td><td>").append(m[0]).append("</td>");
            kinds.forEach(k -> sb.append("<td>").append(access.getOrDefault(k, java.util.Set.of()).size()).append("</td>"));
            sb.append("<td>").append(m[1]).append("</td><td>").append(m[2]).append("</td></tr>\n");
        });
        return sb.append("</tbody></table>\n<h2>Rows</h2>\n").toString();
    }

    /** The HTML paragraph that says what could not be read and how many rows rest on it; empty when all was read. */
    static String incompleteSummary(List<ReportRow> rows, java.util.Map<String, String> incomplete) {
        if (incomplete.isEmpty()) {
            return "";
        }
        long marked = rows.stream().filter(r -> r.incomplete() != null).count();
        StringBuilder sb = new StringBuilder("<div class=\"incomplete\"><p><b>Incomplete:</b> ").append(incomplete.size())
                .append(" principals, resources or accounts could not all be read; ").append(marked)
                .append(marked == 1 ? " row rests" : " rows rest").append(" on them (column <i>incomplete</i>), and access through "
                        + "them may be more than shown.</p><ul>");
        incomplete.forEach((k, why) -> sb.append("<li><code>").append(esc(dev.gatehouse.policy.Printable.line(k))).append("</code>: ")
                .append(esc(dev.gatehouse.policy.Printable.line(why))).append("</li>"));
        return sb.append("</ul></div>\n").toString();
    }

    /**
     * The script of a sortable, filterable table (report.html's rows, privesc.html's paths): {@code sortBy(table, column)}
     * on a header's click, {@code filterRows(table, input, count, inAddress)} as one types — the count follows the filter,
     * and with {@code inAddress} the filter goes into the address ({@code #filter=…}).
     */
    static final String TABLE_SCRIPT = "let dir={};\nfunction sortBy(id,c){const t=document.getElementById(id).tBodies[0];"
            + "const rows=[...t.rows];const k=id+c;dir[k]=!dir[k];rows.sort((a,b)=>{const x=a.cells[c].textContent,y=b.cells[c].textContent;"
            + "return dir[k]?x.localeCompare(y):y.localeCompare(x)});rows.forEach(r=>t.appendChild(r));}\n"
            + "function filterRows(id,input,count,inAddress){const f=document.getElementById(input).value,q=f.toLowerCase();let shown=0,all=0;"
            + "for(const r of document.getElementById(id).tBodies[0].rows){const on=r.textContent.toLowerCase().includes(q);"
            + "r.style.display=on?'':'none';all++;if(on)shown++;}"
            + "document.getElementById(count).textContent=q?shown+' of '+all+(all===1?' row':' rows')+' shown':all+(all===1?' row':' rows');"
            + "if(inAddress)history.replaceState(null,'',q?'#filter='+encodeURIComponent(f):location.pathname);}\n";

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String html(String title, List<String> header, List<List<String>> rows) {
        return html(title, header, rows, null);
    }

    /**
     * The actions of a row in HTML: up to four listed; more, one expandable group per access level of the action
     * catalog ({@code Read: 19}, then the actions), so that a row is a line until it is opened.
     */
    static String actionsHtml(List<String> actions) {
        if (actions.size() <= 4) {
            return esc(String.join("; ", actions));
        }
        java.util.Map<String, List<String>> byLevel = new java.util.TreeMap<>();
        dev.gatehouse.policy.ActionCatalog catalog = dev.gatehouse.policy.ActionCatalog.shipped();
        for (String a : actions) {
            String level = catalog.accessLevel(a);
            byLevel.computeIfAbsent(level == null ? "Other" : level, k -> new ArrayList<>()).add(a);
        }
        StringBuilder sb = new StringBuilder();
        byLevel.forEach((level, acts) -> sb.append("<details><summary>").append(esc(level)).append(": ").append(acts.size())
                .append("</summary>").append(esc(String.join("; ", acts))).append("</details>"));
        return sb.toString();
    }

    /** {@code actions}: each row's actions, shown grouped by access level ({@link #actionsHtml}); null to show the cells as they are. */
    static String html(String title, List<String> header, List<List<String>> rows, List<List<String>> actions) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}"
                        + "th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;font-size:12px}"
                        + "th{background:#eee;cursor:pointer;position:sticky;top:0}tr.Conditional td{background:#fff8e0}"
                        + "td.actions{max-width:28em}summary{cursor:pointer;white-space:nowrap}div.incomplete{background:#fde8e8;border:1px solid #d33;padding:0 1em}input{margin:.5em 0;padding:4px;width:30em}</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n<!--intro--><p><span id=\"count\">").append(rows.size())
                .append(rows.size() == 1 ? " row" : " rows").append("</span>. Click a column header to sort; type to filter (the filter goes into the address: "
                        + "<code>report.html#filter=AuditRole</code> opens filtered).</p>\n")
                .append("<input id=\"filter\" placeholder=\"filter rows\" oninput=\"filterRows('report','filter','count',true)\">\n<table id=\"report\"><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            sb.append("<th onclick=\"sortBy('report',").append(i).append(")\">").append(esc(header.get(i))).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            sb.append("<tr class=\"").append(esc(r.get(4))).append(r.get(r.size() - 1).isEmpty() ? "" : " incomplete").append("\">");
            for (int i = 0; i < r.size(); i++) {
                sb.append(i == 5 ? "<td class=\"actions\">" : "<td>")
                        .append(i == 5 && actions != null ? actionsHtml(actions.get(k)) : esc(r.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n<script>\n").append(TABLE_SCRIPT)
                .append("if(location.hash.startsWith('#filter=')){document.getElementById('filter').value="
                        + "decodeURIComponent(location.hash.slice(8));filterRows('report','filter','count',true);}\n</script>\n</body></html>\n");
        return sb.toString();
    }
}
