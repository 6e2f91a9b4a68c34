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
            throw facts.notInFacts("role", role, "");
        }
        Set<String> reachers = reachersOf(role);
        return paths(reachers, role, false);
    }

    /**
     * Who-can-assume with each path cut after its first hop (its {@code path} is the principal and the first
     * role it assumes; {@code conditional} still says whether any hop of the whole way rests on conditions):
     * the rest of the way is that role's own path, so a report stores each path once, not once per row.
     */
    List<AssumePath> firstHopsInto(String role) {
        return paths(reachersOf(role), role, true);
    }

    /** The shortest path from one principal to a role, if the rules find that it reaches it. */
    List<AssumePath> canReach(String from, String to) {
        return whoCanAssume(to).stream().filter(p -> p.principal().equals(from)).toList();
    }

    /**
     * Every principal that reaches the role through one or more assumptions (never the role itself). The
     * members of one component share one set: the view leaves the role out.
     */
    Set<String> reachersOf(String goal) {
        reachability();
        String c = componentOf.get(goal);
        if (c == null) {
            return Set.of();
        }
        Set<String> all = reachersOfComponent.get(c);
        if (all == null) {
            all = askReachers(c);
        }
        Set<String> shared = all;
        return new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object o) {
                return !goal.equals(o) && shared.contains(o);
            }

            @Override
            public java.util.Iterator<String> iterator() {
                return shared.stream().filter(x -> !x.equals(goal)).iterator();
            }

            @Override
            public int size() {
                return shared.size() - (shared.contains(goal) ? 1 : 0);
            }
        };
    }

    /**
     * Prepares, once, the rules' session of reachability (rules/assume/reachability.drl): the rules derive who
     * can become whom; the components of that graph are found here and given to the rules as Member facts, and
     * the rules derive the ways between components. Who reaches a component is then asked goal by goal, as
     * questions need it ({@link #reachersOf}): a who-can-assume of one role derives only toward that role.
     */
    void reachability() {
        if (componentOf == null) {
            prepareReachability();
        }
    }

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
    private KieSession reachSession;
    private volatile Map<String, String> componentOf;
    private Map<String, List<String>> members;
    private final Map<String, Set<String>> reachersOfComponent = new java.util.concurrent.ConcurrentHashMap<>();

    private synchronized void prepareReachability() {
        if (componentOf != null) {
            return;
        }
        edges();
        KieSession s = rules.assumeBase().newKieSession();
        assumeOutcomes.forEach(s::insert);
        s.fireAllRules();
        // several edges between two principals are allowed: no lookup per edge to refuse a second one
        org.jgrapht.Graph<String, org.jgrapht.graph.DefaultEdge> g = org.jgrapht.graph.builder.GraphTypeBuilder
                .<String, org.jgrapht.graph.DefaultEdge>directed().allowingMultipleEdges(true).allowingSelfLoops(true)
                .edgeClass(org.jgrapht.graph.DefaultEdge.class).weighted(false).buildGraph();
        for (QueryResultsRow row : s.getQueryResults("canBecome")) {
            String from = (String) row.get("$from");
            String to = (String) row.get("$to");
            g.addVertex(from);
            g.addVertex(to);
            g.addEdge(from, to);
        }
        // a component is named by its first member in order, so the same facts name it the same way
        Map<String, List<String>> byName = new HashMap<>();
        Map<String, String> of = new HashMap<>();
        for (Set<String> c : new org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
            List<String> sorted = new ArrayList<>(new TreeSet<>(c));
            byName.put(sorted.get(0), sorted);
            sorted.forEach(m -> of.put(m, sorted.get(0)));
        }
        of.forEach((m, c) -> s.insert(new dev.gatehouse.facts.Member(m, c)));
        s.fireAllRules();
        // the rule base keeps every session it made until it is disposed: this one goes when the graph does
        CLEANER.register(this, s::dispose);
        reachSession = s;
        members = byName;
        componentOf = of;
    }

    /** Asks the rules who reaches a component (a ReachGoal), once; the members of every component that does, and its own. */
    private synchronized Set<String> askReachers(String component) {
        Set<String> known = reachersOfComponent.get(component);
        if (known != null) {
            return known;
        }
        org.kie.api.runtime.rule.FactHandle goal = reachSession.insert(new ReachGoal(component));
        reachSession.fireAllRules();
        Set<String> from = new TreeSet<>();
        List<String> own = members.get(component);
        if (own.size() > 1) {
            from.addAll(own);
        }
        for (QueryResultsRow row : reachSession.getQueryResults("reachersOf", component)) {
            from.addAll(members.get((String) row.get("$from")));
        }
        // answered: the goal goes, and with it the Reaches derived for it (they rest on it), so the session holds
        // the edges and one goal's answer at a time, however many goals are asked
        reachSession.delete(goal);
        reachSession.fireAllRules();
        Set<String> shared = java.util.Collections.unmodifiableSet(from);
        reachersOfComponent.put(component, shared);
        return shared;
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
    private List<AssumePath> paths(Set<String> reachers, String goal, boolean firstHop) {
        Map<String, List<AssumeOutcome>> into = assumeInto();
        Map<String, AssumeOutcome> next = new HashMap<>();
        // whether the way from a principal to the goal rests on open conditions anywhere along it
        Map<String, Boolean> conditionalFrom = new HashMap<>(Map.of(goal, false));
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
                    conditionalFrom.put(o.from(), o.verdict() == Verdict.CONDITIONAL || conditionalFrom.get(t));
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
            boolean conditional = conditionalFrom.get(p);
            String at = p;
            while (!at.equals(goal) && !(firstHop && hops.size() == 1)) {
                AssumeOutcome o = next.get(at);
                Decision d = assumeProof.get(o.from()).get(o.to());
                hops.add(new AssumePath.Hop(o.from(), o.to(), o.verdict(), grantsOf(d), o.conditions()));
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
