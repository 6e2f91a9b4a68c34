package dev.gatehouse.query;

import dev.gatehouse.load.Callers;
import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.AssumePath;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.Matching;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.AssumeOutcome;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.facts.Position;
import dev.gatehouse.facts.ReachGoal;
import dev.gatehouse.facts.Request;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Role assumption over the whole facts: every sts:AssumeRole request a trust policy could allow, decided
 * once (one request per class of principals), and who reaches each role — derived by the rules
 * (rules/assume/reachability.drl) — with the shortest paths and the statements that allow each hop.
 */
final class RoleGraph {
    private final Facts facts;
    private final RuleBase rules;
    private final OrgRequests requests;
    private final PrincipalClasses classes;
    private final Evaluator evaluator;

    RoleGraph(Facts facts, RuleBase rules, OrgRequests requests, PrincipalClasses classes, Evaluator evaluator) {
        this.facts = facts;
        this.rules = rules;
        this.requests = requests;
        this.classes = classes;
        this.evaluator = evaluator;
    }

    /** Decides the role assumptions and who reaches each role, once; after it, questions may be asked from several threads. */
    synchronized void prepare() {
        reachability();
        assumeInto();
    }

    private List<AssumeOutcome> assumeOutcomes;

    /** Every decided role assumption that allows (also by services and outsiders), deciding them first if needed. */
    synchronized List<AssumeOutcome> assumeOutcomes() {
        edges();
        return assumeOutcomes;
    }
    private Map<String, Map<String, Decision>> assumeProof;
    private volatile Map<String, Set<String>> reachers;
    private volatile Map<String, List<AssumeOutcome>> assumeInto;

    /** The decided assumptions that allow, by the role assumed; Allowed ones first. */
    Map<String, List<AssumeOutcome>> assumeInto() {
        Map<String, List<AssumeOutcome>> m = assumeInto;
        return m != null ? m : computeAssumeInto();
    }

    private final Map<Decision, List<String>> grantLines = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    // ---------------------------------------------------------------- role assumption

    /** Every principal that can reach the role through one or more role assumptions, with its shortest path. */
    List<AssumePath> whoCanAssume(String role) {
        if (!facts.principals().containsKey(role)) {
            throw new InputException(new Problem(ProblemCode.NOT_IN_FACTS, "", "", "the role `" + role + "` is not in the facts"));
        }
        Set<String> reachers = reachersOf(role);
        return paths(reachers, role);
    }

    /** The shortest path from one principal to a role, if the rules find that it reaches it. */
    List<AssumePath> canReach(String from, String to) {
        return whoCanAssume(to).stream().filter(p -> p.principal().equals(from)).toList();
    }

    Set<String> reachersOf(String goal) {
        reachability();
        return reachers.getOrDefault(goal, Set.of());
    }

    /**
     * Asks the rules, once, who reaches every role of the facts: one session with every decided
     * assumption and a goal per role; the reachersOf query reads the answers.
     */
    void reachability() {
        if (reachers == null) {
            computeReachability();
        }
    }

    private synchronized void computeReachability() {
        if (reachers != null) {
            return;
        }
        edges();
        Map<String, Set<String>> out = new HashMap<>();
        KieSession s = rules.assumeBase().newKieSession();
        try {
            assumeOutcomes.forEach(s::insert);
            List<String> goals = new ArrayList<>();
            for (Principal p : facts.principals().values()) {
                if (p.kind() == Principal.Kind.ROLE) {
                    goals.add(p.arn());
                    s.insert(new ReachGoal(p.arn()));
                }
            }
            s.fireAllRules();
            for (String goal : goals) {
                Set<String> from = new TreeSet<>();
                QueryResults rows = s.getQueryResults("reachersOf", goal);
                for (QueryResultsRow row : rows) {
                    from.add((String) row.get("$from"));
                }
                if (!from.isEmpty()) {
                    out.put(goal, from);
                }
            }
        } finally {
            s.dispose();
        }
        reachers = out;
    }

    /** The statements that allow a decided assumption, described once per decision (class members share it). */
    private List<String> grantsOf(Decision d) {
        return grantLines.computeIfAbsent(d, k -> StatementRef.describeAll(k.allowedBy()));
    }

    private synchronized Map<String, List<AssumeOutcome>> computeAssumeInto() {
        if (assumeInto == null) {
            edges();
            Map<String, List<AssumeOutcome>> m = new HashMap<>();
            for (AssumeOutcome o : assumeOutcomes) {
                if (o.verdict() == Verdict.ALLOWED || o.verdict() == Verdict.CONDITIONAL) {
                    m.computeIfAbsent(o.to(), k -> new ArrayList<>()).add(o);
                }
            }
            m.values().forEach(l -> l.sort((a, b) -> a.verdict() != b.verdict() ? a.verdict().compareTo(b.verdict())
                    : a.from().compareTo(b.from())));
            assumeInto = m;
        }
        return assumeInto;
    }

    /** Shortest paths to the goal over the assumption edges, for each principal the rules found to reach it. */
    private List<AssumePath> paths(Set<String> reachers, String goal) {
        Map<String, List<AssumeOutcome>> into = assumeInto();
        Map<String, AssumeOutcome> next = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(goal);
        Set<String> seen = new LinkedHashSet<>(List.of(goal));
        while (!queue.isEmpty()) {
            String t = queue.poll();
            List<AssumeOutcome> in = new ArrayList<>(into.getOrDefault(t, List.of()));
            in.sort((a, b) -> a.verdict() != b.verdict() ? a.verdict().compareTo(b.verdict()) : a.from().compareTo(b.from()));
            for (AssumeOutcome o : in) {
                if (seen.add(o.from())) {
                    next.put(o.from(), o);
                    queue.add(o.from());
                }
            }
        }
        List<AssumePath> out = new ArrayList<>();
        for (String p : reachers) {
            if (!next.containsKey(p)) {
                continue;
            }
            List<String> path = new ArrayList<>(List.of(p));
            List<AssumePath.Hop> hops = new ArrayList<>();
            boolean conditional = false;
            String at = p;
            while (!at.equals(goal)) {
                AssumeOutcome o = next.get(at);
                Decision d = assumeProof.get(o.from()).get(o.to());
                hops.add(new AssumePath.Hop(o.from(), o.to(), o.verdict(), grantsOf(d), o.conditions()));
                conditional |= o.verdict() == Verdict.CONDITIONAL;
                at = o.to();
                path.add(at);
            }
            out.add(new AssumePath(p, conditional, path, hops));
        }
        out.sort((a, b) -> a.path().size() != b.path().size() ? Integer.compare(a.path().size(), b.path().size())
                : a.principal().compareTo(b.principal()));
        return out;
    }

    /** Decides, once, every sts:AssumeRole request that a trust policy of the facts could allow. */
    private synchronized void edges() {
        if (assumeOutcomes != null) {
            return;
        }
        List<Request> asks = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        // index the trust policies by whom they name: an ARN, a role name in an account, an account, anyone
        Map<String, Set<Principal>> byName = new HashMap<>();
        List<Principal> anyone = new ArrayList<>();
        for (Principal role : facts.principals().values()) {
            if (role.kind() != Principal.Kind.ROLE || role.trust() == null) {
                continue;
            }
            for (Statement st : role.trust().statements()) {
                if (st.effect() != Effect.ALLOW || st.principal() == null || !st.coversAction("sts:assumerole")) {
                    continue;
                }
                if (st.notPrincipal() || st.principal().anyone()) {
                    anyone.add(role);
                    continue;
                }
                for (String aws : st.principal().aws()) {
                    byName.computeIfAbsent(PrincipalClasses.trustKey(aws), k -> new LinkedHashSet<>()).add(role);
                }
            }
            // the users of each identity provider the trust names (OIDC, SAML, Cognito), asking as such users do
            Set<String> providers = new LinkedHashSet<>();
            for (Statement st : role.trust().statements()) {
                if (st.effect() == Effect.ALLOW && st.principal() != null && !st.notPrincipal()) {
                    providers.addAll(st.principal().federated());
                }
            }
            for (String provider : providers) {
                asks.add(requests.external(Callers.webIdentity(provider), Callers.federatedAction(provider), role.arn()));
                pairs.add(new String[] {provider, role.arn()});
            }
            for (Caller c : PolicyScan.outsiders(facts, role.trust())) {
                // a trust naming anyone lets any principal of any account assume the role, not the public
                Caller asker = c.kind() == CallerKind.ANONYMOUS ? Callers.anyPrincipal() : c;
                asks.add(requests.external(asker, "sts:AssumeRole", role.arn()));
                pairs.add(new String[] {asker.arn(), role.arn()});
            }
        }
        // candidates per role, then one request per class of principals no policy can tell apart
        Map<Principal, Map<String, List<Principal>>> candidates = new LinkedHashMap<>();
        for (Principal p : facts.principals().values()) {
            Caller c = OrgRequests.caller(p);
            Set<Principal> roles = new LinkedHashSet<>(anyone);
            roles.addAll(byName.getOrDefault(p.arn(), Set.of()));
            roles.addAll(byName.getOrDefault(p.account(), Set.of()));
            if (p.kind() == Principal.Kind.ROLE) {
                roles.addAll(byName.getOrDefault(p.account() + ":role:" + p.name(), Set.of()));
            }
            for (Principal role : roles) {
                if (role == p) {
                    continue;
                }
                int pos = trustPosition(role.trust(), c);
                if (pos == Position.NONE) {
                    continue;
                }
                if (pos == Position.ACCOUNT && !PolicyScan.mayAllow(p.policies(), "sts:assumerole", role.arn())) {
                    continue;
                }
                candidates.computeIfAbsent(role, k -> new LinkedHashMap<>())
                        .computeIfAbsent(classes.classKey(p, role.trust()), k -> new ArrayList<>()).add(p);
            }
        }
        List<List<Principal>> askedFor = new ArrayList<>();
        for (int i = 0; i < asks.size(); i++) {
            askedFor.add(null);
        }
        candidates.forEach((role, classes) -> classes.values().forEach(cls -> {
            asks.add(requests.request(cls.get(0), "sts:AssumeRole", role.arn()));
            pairs.add(new String[] {cls.get(0).arn(), role.arn()});
            askedFor.add(cls);
        }));
        List<Decision> ds = evaluator.evaluate(asks);
        assumeOutcomes = new ArrayList<>();
        assumeProof = new HashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            Decision d = ds.get(i);
            List<String> cond = d.conditionLines();
            List<String> froms = askedFor.get(i) == null ? List.of(pairs.get(i)[0])
                    : askedFor.get(i).stream().map(Principal::arn).toList();
            for (String from : froms) {
                if (d.verdict() == Verdict.ALLOWED || d.verdict() == Verdict.CONDITIONAL) {
                    assumeOutcomes.add(new AssumeOutcome(from, pairs.get(i)[1], d.verdict(), cond));
                }
                assumeProof.computeIfAbsent(from, k -> new HashMap<>()).put(pairs.get(i)[1], d);
            }
        }
    }

    /** The decision of "may {@code from} assume {@code to}", or null when it was not asked. */
    synchronized Decision assumeDecision(String from, String to) {
        edges();
        return assumeProof.getOrDefault(from, Map.of()).get(to);
    }

    private static int trustPosition(Policy trust, Caller c) {
        int best = Position.NONE;
        for (Statement s : trust.statements()) {
            if (s.effect() != Effect.ALLOW || s.principal() == null || !s.coversAction("sts:assumerole")) {
                continue;
            }
            int p = s.notPrincipal() ? Position.SESSION : Matching.named(s.principal(), c);
            best = Math.max(best, p);
        }
        return best;
    }
}
