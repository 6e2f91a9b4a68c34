package dev.gatehouse.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.GateRef;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.policy.Json;
import dev.gatehouse.api.Problem;
import java.util.List;

/** Decisions and errors as JSON objects: the machine-readable form of every evaluate answer. */
public final class DecisionJson {
    private DecisionJson() {
    }

    public static ObjectNode decision(Decision d) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", d.name());
        o.put("decision", d.verdict().word());
        o.set("allowedBy", statements(d.allowedBy()));
        o.set("deniedBy", statements(d.deniedBy()));
        if (!d.notes().isEmpty()) {
            ArrayNode notes = o.putArray("notes");
            d.notes().forEach(notes::add);
        }
        ArrayNode missing = o.putArray("missing");
        for (GateRef g : d.missing()) {
            ObjectNode m = missing.addObject();
            m.put("gate", g.gate());
            if (g.level() != null) {
                m.put("level", g.level());
            }
        }
        if (!d.ignoredContextKeys().isEmpty()) {
            ArrayNode ignored = o.putArray("ignoredContextKeys");
            d.ignoredContextKeys().forEach(ignored::add);
        }
        return o;
    }

    public static ObjectNode error(String name, List<Problem> problems) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        o.put("decision", "Error");
        ArrayNode errs = o.putArray("errors");
        problems.forEach(p -> errs.add(p.toString()));
        ArrayNode codes = o.putArray("codes");
        problems.forEach(p -> codes.add(p.code().code()));
        o.put("message", problems.isEmpty() ? "" : problems.get(0).toString());
        return o;
    }

    private static ArrayNode statements(List<StatementRef> refs) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (StatementRef s : refs) {
            ObjectNode o = a.addObject();
            o.put("gate", s.gate());
            if (s.level() != null) {
                o.put("level", s.level());
            }
            o.put("policy", s.policy());
            o.put("statement", s.statement());
            if (s.sid() != null) {
                o.put("sid", s.sid());
            }
            if (!s.conditions().isEmpty()) {
                ArrayNode c = o.putArray("conditions");
                s.conditions().forEach(c::add);
            }
        }
        return a;
    }
}
