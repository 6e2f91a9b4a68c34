package dev.gatehouse.report;

import dev.gatehouse.api.Verdict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;
import java.util.ArrayList;
import java.util.List;

/** who-can, what-can and role-assumption answers as a table, JSON or CSV. */
public final class AnswerFormats {
    private AnswerFormats() {
    }

    public static ObjectNode json(Access e) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("principal", e.principal());
        o.put("type", e.type());
        o.put("decision", e.decision().word());
        e.actions().forEach(o.putArray("actions")::add);
        e.conditions().forEach(o.putArray("conditions")::add);
        e.via().forEach(o.putArray("via")::add);
        e.grants().forEach(o.putArray("grants")::add);
        if (e.incomplete() != null) {
            o.put("incomplete", e.incomplete());
        }
        return o;
    }

    public static ArrayNode json(List<Access> entries) {
        ArrayNode a = Json.mapper().createArrayNode();
        entries.forEach(e -> a.add(json(e)));
        return a;
    }

    public static List<String> header(String first) {
        return List.of(first, "type", "decision", "actions", "via", "conditions", "incomplete");
    }

    public static List<List<String>> rows(List<Access> entries, String sep) {
        return rows(entries, sep, true);
    }

    /** The rows of a who-can or what-can table; {@code elide}: more than four actions of a row in a table are counted, not listed. */
    public static List<List<String>> rows(List<Access> entries, String sep, boolean elide) {
        List<List<String>> rows = new ArrayList<>();
        for (Access e : entries) {
            String acts = elide && sep.equals("\n") && e.actions().size() > 4 ? e.actions().size() + " actions ("
                    + String.join(", ", e.actions().subList(0, 2)) + ", …; --wide lists them)" : String.join(sep, e.actions());
            rows.add(List.of(e.principal(), e.type(), e.decision().word(), acts,
                    String.join(" → ", e.via()), String.join(sep, e.conditions()), e.incomplete() == null ? "" : e.incomplete()));
        }
        return rows;
    }

    public static ArrayNode pathsJson(List<AssumePath> paths) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (AssumePath p : paths) {
            ObjectNode o = a.addObject();
            o.put("principal", p.principal());
            o.put("decision", Verdict.granted(p.conditional()).word());
            p.path().forEach(o.putArray("path")::add);
            ArrayNode hops = o.putArray("hops");
            for (AssumePath.Hop h : p.hops()) {
                ObjectNode ho = hops.addObject();
                ho.put("from", h.from());
                ho.put("to", h.to());
                ho.put("decision", h.decision().word());
                h.grants().forEach(ho.putArray("grants")::add);
                h.conditions().forEach(ho.putArray("conditions")::add);
            }
            if (p.incomplete() != null) {
                o.put("incomplete", p.incomplete());
            }
        }
        return a;
    }

    /**
     * A table with the statements of each row — its proof — in a column of their own before the last
     * ({@code incomplete}): {@code --explain}.
     */
    public static List<String> explained(List<String> header) {
        List<String> h = new ArrayList<>(header);
        h.add(h.size() - 1, "statements");
        return h;
    }

    /** The rows of {@link #rows} with each row's granting statements added where {@link #explained} puts them. */
    public static List<List<String>> explainedRows(List<Access> entries, String sep, boolean elide) {
        List<List<String>> rows = rows(entries, sep, elide);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = new ArrayList<>(rows.get(i));
            r.add(r.size() - 1, String.join(sep, entries.get(i).grants()));
            out.add(r);
        }
        return out;
    }

    /** The rows of {@link #pathRows} with each hop's granting statements, hop by hop. */
    public static List<List<String>> explainedPathRows(List<AssumePath> paths, String sep) {
        List<List<String>> rows = pathRows(paths, sep);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = new ArrayList<>(rows.get(i));
            List<String> grants = new ArrayList<>();
            paths.get(i).hops().forEach(h -> h.grants().forEach(g -> grants.add(h.to() + ": " + g)));
            r.add(r.size() - 1, String.join(sep, grants));
            out.add(r);
        }
        return out;
    }

    public static List<List<String>> pathRows(List<AssumePath> paths, String sep) {
        List<List<String>> rows = new ArrayList<>();
        for (AssumePath p : paths) {
            List<String> cond = new ArrayList<>();
            p.hops().forEach(h -> cond.addAll(h.conditions()));
            rows.add(List.of(p.principal(), Verdict.granted(p.conditional()).word(), String.join(" → ", p.path()),
                    String.join(sep, cond), p.incomplete() == null ? "" : p.incomplete()));
        }
        return rows;
    }
}
