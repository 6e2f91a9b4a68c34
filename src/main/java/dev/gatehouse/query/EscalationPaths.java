package dev.gatehouse.query;

import dev.gatehouse.api.Decision;
import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.EscalationStep;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.facts.Ability;
import dev.gatehouse.facts.Administrator;
import dev.gatehouse.facts.Certainty;
import dev.gatehouse.facts.Escalation;
import dev.gatehouse.facts.NearMiss;
import dev.gatehouse.facts.Request;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers of the escalation analysis: for every principal, whether it is administrator (with the
 * Denies of some actions it is still subject to), whether it can become one, and up to three shortest paths
 * with different first steps — each step with its edge and the decided requests that prove it.
 */
final class EscalationPaths {
    private final Facts facts;
    private final Questions questions;
    private final EscalationStates states;

    EscalationPaths(Facts facts, Questions questions, EscalationStates states) {
        this.facts = facts;
        this.questions = questions;
        this.states = states;
    }


    // ---------------------------------------------------------------- answers and paths

    List<EscalationAnswer> answers(List<Escalation> edges, Map<String, Administrator> admins, Map<String, Certainty> reachers,
                                 List<Decision> decisions, List<EscalationAsk> asks, Map<String, List<NearMiss>> nearMisses) {
        Map<String, List<Escalation>> into = new HashMap<>();
        Map<String, List<Escalation>> out = new HashMap<>();
        for (Escalation e : edges) {
            into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Integer> certainDist = distances(into, admins, true);
        Map<String, Integer> anyDist = distances(into, admins, false);
        List<EscalationAnswer> result = new ArrayList<>();
        for (Principal p : facts.principals().values()) {
            String id = p.arn();
            Administrator adm = admins.get(id);
            boolean admin = adm != null;
            boolean adminConditional = admin && adm.conditional();
            List<String> adminProof = new ArrayList<>();
            if (admin) {
                adminProof.addAll(proofLines(decisions.get(adm.proof()), asks.get(adm.proof())));
                adminProof.addAll(partialDenies(p));
            }
            Certainty reach = reachers.get(id);
            boolean canEscalate = reach != null && !(admin && !adminConditional) && (anyDist.getOrDefault(id, 0) > 0);
            List<List<EscalationStep>> paths = new ArrayList<>();
            boolean conditional = false;
            if (canEscalate) {
                boolean certain = certainDist.containsKey(id) && certainDist.get(id) > 0;
                Map<String, Integer> dist = certain ? certainDist : anyDist;
                conditional = !certain;
                paths = paths(id, dist, out, certain, decisions, asks);
                if (paths.isEmpty()) {
                    canEscalate = false;
                }
            }
            List<String> misses = canEscalate || admin && !adminConditional ? List.of()
                    : nearMissLines(nearMisses.getOrDefault(id, List.of()), decisions);
            result.add(new EscalationAnswer(id, PrincipalTypes.of(p), admin, adminConditional, adminProof,
                    canEscalate, conditional, paths, misses));
        }
        result.sort(Comparator.comparing(EscalationAnswer::principal));
        return result;
    }

    /**
     * The Deny statements that deny an administrator some actions (the definition of administrator does not
     * count them): named so that "administrator" never reads as more than it is.
     */
    private List<String> partialDenies(Principal p) {
        List<String> out = new ArrayList<>();
        for (Policy pol : states.standing(p)) {
            for (Statement st : pol.statements()) {
                if (st.effect() == Effect.DENY && !st.coversEverything()) {
                    out.add("except what " + pol.name() + " statement " + st.index()
                            + (st.sid() == null || st.sid().isEmpty() ? "" : " (Sid " + st.sid() + ")") + " denies: "
                            + String.join(", ", st.actions()) + (st.conditions().isEmpty() ? "" : " (under conditions)"));
                }
            }
        }
        return out;
    }

    /** Steps from each node to the nearest administrator, over certain edges only or over all. */
    private static Map<String, Integer> distances(Map<String, List<Escalation>> into, Map<String, Administrator> admins,
                                                  boolean certainOnly) {
        Map<String, Integer> dist = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        admins.values().stream().filter(a -> !certainOnly || !a.conditional()).map(Administrator::node).sorted().forEach(n -> {
            dist.put(n, 0);
            queue.add(n);
        });
        while (!queue.isEmpty()) {
            String t = queue.poll();
            for (Escalation e : into.getOrDefault(t, List.of())) {
                if (certainOnly && e.conditional()) {
                    continue;
                }
                if (!dist.containsKey(e.from())) {
                    dist.put(e.from(), dist.get(t) + 1);
                    queue.add(e.from());
                }
            }
        }
        return dist;
    }

    /** Up to three shortest paths from a principal to an administrator, each with a different first step. */
    private List<List<EscalationStep>> paths(String from, Map<String, Integer> dist, Map<String, List<Escalation>> out, boolean certain,
                                   List<Decision> decisions, List<EscalationAsk> asks) {
        List<List<EscalationStep>> paths = new ArrayList<>();
        Set<String> firstTargets = new LinkedHashSet<>();
        for (Escalation first : next(from, dist, out, certain)) {
            if (paths.size() == 3 || !firstTargets.add(first.to() + "|" + first.edge())) {
                continue;
            }
            List<EscalationStep> path = new ArrayList<>();
            Escalation e = first;
            while (true) {
                path.add(step(e, decisions, asks));
                if (dist.get(e.to()) == 0) {
                    break;
                }
                e = next(e.to(), dist, out, certain).get(0);
            }
            paths.add(path);
        }
        return paths;
    }

    private static List<Escalation> next(String at, Map<String, Integer> dist, Map<String, List<Escalation>> out, boolean certain) {
        int d = dist.get(at);
        return out.getOrDefault(at, List.of()).stream()
                .filter(e -> !(certain && e.conditional()) && dist.containsKey(e.to()) && dist.get(e.to()) == d - 1)
                .sorted(Comparator.comparing(Escalation::conditional).thenComparing(e -> e.proofs().size())
                        .thenComparing(Escalation::edge).thenComparing(Escalation::to))
                .toList();
    }

    private EscalationStep step(Escalation e, List<Decision> decisions, List<EscalationAsk> asks) {
        List<String> proof = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (!e.note().isEmpty()) {
            conditions.add(e.note());
        }
        if (e.edge().startsWith("sts:AssumeRole")) {
            String fromArn = states.nodes().get(e.from()).arn();
            Decision d = questions.assumeDecision(fromArn, e.to());
            if (d != null) {
                proof.add(fromArn + " sts:AssumeRole " + e.to() + ": " + d.verdict().word() + " by "
                        + String.join("; ", StatementRef.describeAll(d.allowedBy())));
            }
        }
        for (int i : e.proofs()) {
            Decision d = decisions.get(i);
            proof.addAll(proofLines(d, asks.get(i)));
            conditions.addAll(d.conditionLines());
        }
        return new EscalationStep(states.nodes().get(e.from()).label(), states.nodes().get(e.to()).label(), e.edge(), proof,
                conditions.stream().distinct().toList());
    }

    /** The near misses in words, one per action and reason, at most {@link #MISSES} (the count of the rest said). */
    private static List<String> nearMissLines(List<NearMiss> misses, List<Decision> decisions) {
        java.util.TreeMap<String, String> byText = new java.util.TreeMap<>();
        for (NearMiss m : misses) {
            List<String> targets = m.targets().stream().sorted().toList();
            String on = targets.isEmpty() || targets.equals(List.of("*")) ? "" : " on " + (targets.size() <= 3 ? String.join(", ", targets)
                    : String.join(", ", targets.subList(0, 3)) + " and " + (targets.size() - 3) + " more");
            String by = String.join("; ", StatementRef.describeAll(decisions.get(m.proof()).allowedBy()));
            byText.putIfAbsent(m.action() + on + " " + m.why(), "allowed " + m.action() + on + " (by " + by + "), " + m.why());
        }
        List<String> out = new ArrayList<>(byText.values());
        if (out.isEmpty()) {
            return List.of("no policy allows it any request an escalation begins with (rules/escalation/05-edge-requests.drl, "
                    + "10-recipes.drl)");
        }
        if (out.size() > MISSES) {
            int rest = out.size() - MISSES;
            out = new ArrayList<>(out.subList(0, MISSES));
            out.add("and " + rest + " more");
        }
        return out;
    }

    static final int MISSES = 8;

    private static List<String> proofLines(Decision d, EscalationAsk ask) {
        Request r = ask.request();
        String what = r.action().equals("*") ? "every action on every resource"
                : r.action() + (ask.qualifier().equals(Ability.UNDER_OWN_TRUST) ? " (" + Ability.UNDER_OWN_TRUST + ")" : "");
        List<String> passed = r.context().get("iam:PassedToService");
        if (passed != null) {
            what += " (passed to " + String.join(",", passed) + ")";
        }
        return List.of(what + ": " + d.verdict().word() + " by "
                + String.join("; ", StatementRef.describeAll(d.allowedBy())));
    }
}
