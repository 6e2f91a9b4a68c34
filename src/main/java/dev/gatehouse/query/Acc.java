package dev.gatehouse.query;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.api.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Accumulates one principal's (or resource's) answers over several actions into one {@link Access}. */
final class Acc {
    final TreeSet<String> actions = new TreeSet<>();
    final Map<String, TreeSet<String>> conditions = new LinkedHashMap<>();
    final LinkedHashSet<StatementRef> grants = new LinkedHashSet<>();
    final Set<Acc> absorbed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    boolean allowed;

    void add(String action, Decision d) {
        actions.add(action);
        if (d.verdict() == Verdict.ALLOWED) {
            allowed = true;
        }
        grants.addAll(d.allowedBy());
        d.conditionLines().forEach(c -> condition(c, action));
    }

    /** Adds everything another principal's answers hold: reaching it gives all of its access. */
    void absorb(Acc other) {
        if (!absorbed.add(other)) {
            return;
        }
        actions.addAll(other.actions);
        other.conditions.forEach((c, acts) -> conditions.computeIfAbsent(c, k -> new TreeSet<>()).addAll(acts));
        grants.addAll(other.grants);
        allowed |= other.allowed;
    }

    void condition(String text, String action) {
        conditions.computeIfAbsent(text, k -> new TreeSet<>()).add(action);
    }

    /** Conditions, each naming its actions unless it holds for all of them. */
    List<String> conditionLines() {
        List<String> out = new ArrayList<>();
        conditions.forEach((c, acts) -> out.add(acts.size() == actions.size() ? c : c + " (for " + String.join(", ", acts) + ")"));
        return out;
    }

    Access entry(String principal, String type, List<String> via, List<String> extra) {
        List<String> cond = conditionLines();
        cond.addAll(extra);
        boolean ok = allowed && extra.isEmpty();
        return new Access(principal, type, Verdict.granted(!ok), new ArrayList<>(actions), cond, via,
                StatementRef.describeAll(grants));
    }
}
