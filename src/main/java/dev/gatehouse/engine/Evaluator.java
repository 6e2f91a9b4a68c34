package dev.gatehouse.engine;

import dev.gatehouse.api.Decision;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.api.GateRef;

import dev.gatehouse.facts.Certainty;
import dev.gatehouse.facts.Gate;
import dev.gatehouse.facts.AwsRefuses;
import dev.gatehouse.facts.MissingAllow;
import dev.gatehouse.facts.NoPermissionNeeded;
import dev.gatehouse.facts.Outcome;
import dev.gatehouse.facts.Request;
import dev.gatehouse.facts.StatementMatch;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.policy.Effect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.KieSession;

/**
 * Decides requests with the rule base: inserts them into a Drools session, fires the rules and reads
 * back each request's {@link Outcome} with its reasons. Holds nothing but the rule base: threads may share one.
 */
public final class Evaluator {
    private static final Comparator<StatementMatch> ORDER = Comparator
            .comparing((StatementMatch m) -> m.gate().ordinal())
            .thenComparingInt(StatementMatch::level)
            .thenComparing(StatementMatch::policyId)
            .thenComparingInt(StatementMatch::statement);

    /** Requests decided per Drools session. */
    public static final int SESSION_SIZE = 32;

    private final RuleBase rules;
    private final DecisionMemo memo;

    /** An evaluator that decides every request it is given. */
    public Evaluator(RuleBase rules) {
        this.rules = rules;
        this.memo = null;
    }

    /** An evaluator that takes the memo's decision of a request alike in every input, and remembers what it decides. */
    public Evaluator(RuleBase rules, DecisionMemo memo) {
        if (memo.rules() != rules) {
            throw new IllegalArgumentException("the decisions remembered are another rule base's");
        }
        this.rules = rules;
        this.memo = memo;
    }

    /** Decides one request. */
    public Decision evaluate(Request request) {
        return evaluate(List.of(request)).get(0);
    }

    /**
     * Decides requests; answers come in the order of the requests. Requests are decided in sessions of
     * {@value #SESSION_SIZE}: the joins of the rules are indexed by request, but working memory that
     * grows past a few thousand facts costs more per fact than a fresh session does (see the benchmark).
     */
    public List<Decision> evaluate(List<Request> requests) {
        if (memo == null) {
            return decide(requests);
        }
        List<Decision> out = new ArrayList<>(requests.size());
        List<DecisionMemo.Key> keys = new ArrayList<>(requests.size());
        List<Request> unknown = new ArrayList<>();
        for (Request r : requests) {
            DecisionMemo.Key k = memo.key(r);
            keys.add(k);
            Decision d = memo.get(k, r);
            out.add(d);
            if (d == null) {
                unknown.add(r);
            }
        }
        if (unknown.isEmpty()) {
            return out;
        }
        java.util.Iterator<Decision> decided = decide(unknown).iterator();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                Decision d = decided.next();
                memo.put(keys.get(i), d);
                out.set(i, d);
            }
        }
        return out;
    }

    private List<Decision> decide(List<Request> requests) {
        if (requests.size() <= SESSION_SIZE) {
            return evaluateInOneSession(requests);
        }
        // sessions are independent: decided on every core (the common pool), answers kept in request order
        int sessions = (requests.size() + SESSION_SIZE - 1) / SESSION_SIZE;
        List<List<Decision>> decided = java.util.stream.IntStream.range(0, sessions).parallel()
                .mapToObj(k -> evaluateInOneSession(requests.subList(k * SESSION_SIZE, Math.min(requests.size(), (k + 1) * SESSION_SIZE))))
                .toList();
        List<Decision> out = new ArrayList<>(requests.size());
        decided.forEach(out::addAll);
        return out;
    }

    private List<Decision> evaluateInOneSession(List<Request> requests) {
        KieSession session = rules.kieBase().newKieSession();
        try {
            Map<Integer, Integer> slot = new HashMap<>(requests.size() * 2);
            for (int i = 0; i < requests.size(); i++) {
                Request r = requests.get(i);
                if (slot.put(r.id(), i) != null) {
                    throw new IllegalArgumentException("two requests share the id " + r.id());
                }
                session.insert(r);
            }
            session.fireAllRules();
            int n = requests.size();
            Verdict[] verdicts = new Verdict[n];
            List<List<StatementMatch>> matches = new ArrayList<>(n);
            List<List<GateRef>> missing = new ArrayList<>(n);
            List<List<String>> notes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                matches.add(new ArrayList<>(4));
                missing.add(new ArrayList<>(1));
                notes.add(new ArrayList<>(0));
            }
            for (Object o : session.getObjects()) {
                if (o instanceof StatementMatch m) {
                    matches.get(slot.get(m.req())).add(m);
                } else if (o instanceof Outcome out) {
                    int i = slot.get(out.req());
                    verdicts[i] = merge(verdicts[i], out.verdict());
                } else if (o instanceof NoPermissionNeeded np) {
                    notes.get(slot.get(np.req())).add(np.reason());
                } else if (o instanceof AwsRefuses refused) {
                    notes.get(slot.get(refused.req())).add(refused.reason());
                } else if (o instanceof MissingAllow ma) {
                    missing.get(slot.get(ma.req())).add(
                            new GateRef(ma.gate().word(), ma.gate().isOrg() ? ma.levelName() : null));
                }
            }
            List<Decision> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(decision(requests.get(i), verdicts[i], matches.get(i), missing.get(i), notes.get(i)));
            }
            return out;
        } finally {
            session.dispose();
        }
    }

    private static Verdict merge(Verdict a, Verdict b) {
        if (a == null) {
            return b;
        }
        if (a != b) {
            throw new IllegalStateException("the rules reached two outcomes: " + a + " and " + b);
        }
        return a;
    }

    private static Decision decision(Request r, Verdict v, List<StatementMatch> ms, List<GateRef> missing, List<String> notes) {
        if (v == null) {
            throw new IllegalStateException("the rules reached no outcome for request " + r.name());
        }
        if (!notes.isEmpty()) {
            // decided before any gate: no statement is a reason
            return new Decision(r.name(), v, List.of(), List.of(), List.of(), notes, r.context().ignored());
        }
        ms.sort(ORDER);
        List<StatementRef> allowed = new ArrayList<>();
        List<StatementRef> denied = new ArrayList<>();
        // where a gate (and level) has an Allow that holds for certain, its possible Allows are no reason
        java.util.Set<String> certainly = new java.util.HashSet<>();
        for (StatementMatch m : ms) {
            if (m.effect() == Effect.ALLOW && m.certainty() == Certainty.CERTAIN) {
                certainly.add(m.gate() + "/" + m.level());
            }
        }
        for (StatementMatch m : ms) {
            if (m.effect() == Effect.DENY) {
                if (v == Verdict.EXPLICITLY_DENIED ? m.certainty() == Certainty.CERTAIN : true) {
                    denied.add(statementRef(m, r));
                }
            } else if (v == Verdict.ALLOWED ? m.certainty() == Certainty.CERTAIN
                    : v == Verdict.CONDITIONAL && (m.certainty() == Certainty.CERTAIN || !certainly.contains(m.gate() + "/" + m.level()))) {
                allowed.add(statementRef(m, r));
            }
        }
        List<GateRef> miss = v == Verdict.IMPLICITLY_DENIED || v == Verdict.CONDITIONAL ? sortGates(missing) : List.of();
        return new Decision(r.name(), v, allowed, denied, miss, List.of(), r.context().ignored());
    }

    private static List<GateRef> sortGates(List<GateRef> gates) {
        List<GateRef> out = new ArrayList<>(gates);
        out.sort(Comparator.comparing((GateRef g) -> Gate.valueOf(g.gate().toUpperCase()).ordinal())
                .thenComparing(g -> g.level() == null ? "" : g.level()));
        return out;
    }

    private static StatementRef statementRef(dev.gatehouse.facts.StatementMatch m, Request r) {
        String level = m.gate().isOrg() ? m.levelName() : null;
        if (m.policyId().startsWith(UnreadablePolicy.POLICY_ID)) {
            // a statement of the stand-in for a policy that could not be read (UnreadablePolicy)
            return new StatementRef(m.gate().word(), level, m.policyName(), -1, "",
                    m.residual().isEmpty() ? List.of() : List.of(UnreadablePolicy.condition(m.gate().word(), m.policyName(), m.effect())));
        }
        if (m.policyId().startsWith(ExternalSide.POLICY_ID)) {
            // the synthetic Allow that stands for an outside caller's own policies (ExternalSide)
            String account = m.policyId().substring(ExternalSide.POLICY_ID.length());
            return new StatementRef(m.gate().word(), null, m.policyName(), -1, "",
                    m.residual().isEmpty() ? List.of() : List.of(ExternalSide.condition(account)));
        }
        return new StatementRef(m.gate().word(), level, m.policyName(), m.statement(), m.sid(), m.residual());
    }
}
