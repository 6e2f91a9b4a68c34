package dev.gatehouse.report;

import dev.gatehouse.api.Verdict;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.query.Escalations;
import java.util.ArrayList;
import java.util.List;

/** privesc answers as a table, CSV or JSON ({@code {"principals": [{"principal", "admin", "canEscalate", "paths"}]}}). */
public final class EscalationFormats {
    private EscalationFormats() {
    }

    public static ObjectNode json(List<EscalationAnswer> answers) {
        return json(answers, java.util.Map.of());
    }

    /** {@code incomplete}: principals whose policies could not all be read (facts.incomplete()), with why. */
    public static ObjectNode json(List<EscalationAnswer> answers, java.util.Map<String, String> incomplete) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode ps = root.putArray("principals");
        for (EscalationAnswer a : answers) {
            ObjectNode o = ps.addObject();
            o.put("principal", a.principal());
            o.put("type", a.type());
            if (incomplete.containsKey(a.principal())) {
                o.put("incomplete", "some of its policies could not be read, so it may have more access than shown: "
                        + incomplete.get(a.principal()));
            }
            o.put("admin", a.admin());
            if (a.admin()) {
                o.put("adminDecision", Verdict.granted(a.adminConditional()).word());
                a.adminProof().forEach(o.putArray("adminProof")::add);
            }
            o.put("canEscalate", a.canEscalate());
            if (a.canEscalate()) {
                o.put("decision", Verdict.granted(a.conditional()).word());
            }
            ArrayNode paths = o.putArray("paths");
            for (List<EscalationStep> path : a.paths()) {
                ArrayNode steps = paths.addArray();
                for (EscalationStep s : path) {
                    ObjectNode so = steps.addObject();
                    so.put("from", s.from());
                    so.put("to", s.to());
                    so.put("edge", s.edge());
                    s.proof().forEach(so.putArray("proof")::add);
                    s.conditions().forEach(so.putArray("conditions")::add);
                }
            }
            if (!a.nearMisses().isEmpty()) {
                a.nearMisses().forEach(o.putArray("nearMisses")::add);
            }
        }
        return root;
    }

    public static List<String> header() {
        return List.of("principal", "admin", "can escalate", "shortest path", "conditions");
    }

    /** One row per principal that is or can become administrator (all principals when {@code all}). */
    public static List<List<String>> rows(List<EscalationAnswer> answers, String sep, boolean all) {
        List<List<String>> rows = new ArrayList<>();
        for (EscalationAnswer a : answers) {
            if (!all && !a.admin() && !a.canEscalate()) {
                continue;
            }
            String admin = a.admin() ? (a.adminConditional() ? "conditional" : "yes") : "no";
            String esc = a.canEscalate() ? (a.conditional() ? "conditional" : "yes") : "no";
            StringBuilder path = new StringBuilder();
            List<String> cond = new ArrayList<>();
            if (!a.paths().isEmpty()) {
                for (EscalationStep s : a.paths().get(0)) {
                    path.append(path.isEmpty() ? "" : sep).append("→ ").append(s.edge()).append(" → ").append(s.to());
                    cond.addAll(s.conditions());
                }
            }
            rows.add(List.of(a.principal(), admin, esc, path.toString(), String.join(sep, cond.stream().distinct().toList())));
        }
        return rows;
    }
}
