package dev.gatehouse.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.GateRef;
import dev.gatehouse.api.StatementRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case's {@code expect} block — {@code decision}, and the reasons: {@code allowedBy}, {@code deniedBy} (statements as
 * {@code gate[/level]:policy#sid-or-index}), {@code missing} (gates that lacked an Allow, {@code gate[/level]}),
 * {@code notes}, or {@code error} (a part of the message of a case that must not load) — compared with what was
 * decided. A reason list the block does not give is expected empty.
 */
public final class Expectation {
    public static final Set<String> KEYS = Set.of("decision", "allowedBy", "deniedBy", "missing", "notes", "conditions", "ignoredContextKeys", "error");

    private Expectation() {
    }

    /** {@code gate[/level]:policy#sid-or-index}, the way cases name a statement. */
    public static String ref(StatementRef s) {
        return s.gate() + (s.level() != null ? "/" + s.level() : "") + ":" + s.policy() + "#"
                + (s.sid() != null ? s.sid() : String.valueOf(s.statement()));
    }

    /** {@code gate[/level]}, the way cases name a gate that lacked an Allow. */
    public static String ref(GateRef g) {
        return g.gate() + (g.level() != null ? "/" + g.level() : "");
    }

    /**
     * How the decision (null when the case did not load) differs from the case's expectation, one line per
     * difference; empty when it is met.
     */
    public static List<String> differences(RequestCase c, Decision d) {
        JsonNode e = c.expect();
        List<String> out = new ArrayList<>();
        e.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                out.add("expect." + k + " is not a field of expect (" + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        });
        String want = e.path("decision").asText("");
        if (want.equals("Error")) {
            String msg = e.path("error").asText("");
            if (c.ok()) {
                out.add("decision: expected Error" + (msg.isEmpty() ? "" : " (`" + msg + "`)") + ", got " + d.verdict().word());
            } else if (c.problems().stream().noneMatch(p -> p.toString().contains(msg))) {
                out.add("error: expected one containing `" + msg + "`, got " + c.problems());
            }
            return out;
        }
        if (!c.ok()) {
            out.add("decision: expected " + want + ", got Error: " + c.problems().get(0));
            return out;
        }
        if (!want.equals(d.verdict().word())) {
            out.add("decision: expected " + want + ", got " + d.verdict().word());
        }
        compare(out, "allowedBy", e, d.allowedBy().stream().map(Expectation::ref).toList());
        compare(out, "deniedBy", e, d.deniedBy().stream().map(Expectation::ref).toList());
        compare(out, "missing", e, d.missing().stream().map(Expectation::ref).toList());
        compare(out, "notes", e, d.notes());
        if (e.has("conditions")) {
            // the words of a Conditional answer (Decision.conditionLines), checked where a case lists them
            compare(out, "conditions", e, d.conditionLines());
        }
        if (e.has("ignoredContextKeys")) {
            compare(out, "ignoredContextKeys", e, d.ignoredContextKeys());
        }
        return out;
    }

    private static void compare(List<String> out, String field, JsonNode e, List<String> got) {
        TreeSet<String> want = new TreeSet<>();
        e.path(field).forEach(n -> want.add(n.asText()));
        TreeSet<String> have = new TreeSet<>(got);
        if (!want.equals(have)) {
            out.add(field + ": expected " + want + ", got " + have);
        }
    }
}
