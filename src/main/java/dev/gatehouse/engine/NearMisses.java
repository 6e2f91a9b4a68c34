package dev.gatehouse.engine;

import dev.gatehouse.api.Decision;
import dev.gatehouse.api.GateRef;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.facts.Gate;
import dev.gatehouse.facts.OrgLevel;
import dev.gatehouse.facts.Position;
import dev.gatehouse.facts.Request;
import dev.gatehouse.policy.Condition;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Tri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a request lacked an Allow at a gate, in words — the nearest misses of a denied answer: each Allow statement
 * at that gate that names the action, and the element that keeps it from this request (its Resource, its Principal,
 * a condition that does not hold); or that no statement there names the action. An explanation of the decision the
 * rules made, with Matching's primitives; it decides nothing.
 */
public final class NearMisses {
    private NearMisses() {
    }

    /** At most this many statements are named for one gate. */
    static final int PER_GATE = 3;

    public static List<String> of(Request r, Decision d) {
        List<String> out = new ArrayList<>();
        for (GateRef g : d.missing()) {
            Gate gate = Gate.valueOf(g.gate().toUpperCase(Locale.ROOT));
            List<Policy> policies = policiesAt(r, gate, g.level());
            List<String> mine = new ArrayList<>();
            int more = 0;
            for (Policy p : policies) {
                for (Statement s : p.statements()) {
                    if (s.effect() != Effect.ALLOW || !s.coversAction(r.actionLower())) {
                        continue;
                    }
                    String why = why(s, p, r);
                    if (why == null) {
                        continue;
                    }
                    if (mine.size() < PER_GATE) {
                        StatementRef ref = new StatementRef(g.gate(), g.level(), p.name(), s.index(), s.sid(), List.of());
                        mine.add(g.describe() + ": " + ref.describe() + " allows " + r.action() + ", but " + why);
                    } else {
                        more++;
                    }
                }
            }
            if (mine.isEmpty()) {
                mine.add(g.describe() + ": " + (policies.isEmpty() ? "no policy stands there" : "no Allow statement names " + r.action()));
            }
            if (more > 0) {
                mine.add(g.describe() + ": and " + more + " more statements");
            }
            out.addAll(mine);
        }
        return out;
    }

    private static List<Policy> policiesAt(Request r, Gate gate, String level) {
        return switch (gate) {
            case IDENTITY -> r.policies().identity();
            case BOUNDARY -> r.policies().boundary();
            case SESSION -> r.policies().session();
            case RESOURCE -> r.policies().resource() == null ? List.of() : List.of(r.policies().resource());
            case SCP -> level(r.policies().scpLevels(), level);
            case RCP -> level(r.policies().rcpLevels(), level);
            default -> List.of();
        };
    }

    private static List<Policy> level(List<OrgLevel> levels, String name) {
        return levels.stream().filter(l -> l.name().equals(name)).findFirst().map(OrgLevel::policies).orElse(List.of());
    }

    /** What keeps an Allow that names the action from this request; null when nothing does (it is no near miss). */
    private static String why(Statement s, Policy p, Request r) {
        if (s.principal() != null && Matching.principalPosition(s, r) == Position.NONE) {
            return "its Principal does not name " + r.caller().arn();
        }
        if (Matching.resourceMatches(s, p, r) == Tri.FALSE) {
            return (s.notResource() ? "its NotResource " : "on ") + String.join(", ", s.resources()) + ", not " + r.resource();
        }
        for (Condition c : s.conditions()) {
            if (c.evaluate(r.context()) == Tri.FALSE) {
                List<String> given = r.context().get(c.key());
                return "its condition " + c.describe() + " does not hold (" + c.key() + (given == null ? " is absent" : " is " + given) + ")";
            }
        }
        return null;
    }
}
