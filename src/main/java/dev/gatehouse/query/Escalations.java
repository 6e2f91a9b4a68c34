package dev.gatehouse.query;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.Ability;
import dev.gatehouse.facts.Administrator;
import dev.gatehouse.facts.AssumeOutcome;
import dev.gatehouse.facts.Attached;
import dev.gatehouse.facts.CanBecomeAdmin;
import dev.gatehouse.facts.Certainty;
import dev.gatehouse.facts.EdgeRequest;
import dev.gatehouse.facts.Escalation;
import dev.gatehouse.facts.EscalationAnalysis;
import dev.gatehouse.facts.InstanceProfile;
import dev.gatehouse.facts.MemberOf;
import dev.gatehouse.facts.NearMiss;
import dev.gatehouse.facts.Node;
import dev.gatehouse.facts.Recipe;
import dev.gatehouse.facts.Request;
import dev.gatehouse.facts.WorthReaching;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Group;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Who can become an administrator, and how (semantics.md §6, rules/escalation/20-edges.drl and
 * rules/escalation/30-administrators.drl). Java builds the graph's nodes (each principal, and each principal after it
 * changed its own permissions), chooses which requests to ask — skipping those no Allow statement could
 * grant, and asking once for principals and targets that no statement can tell apart — and has the rule
 * base decide them. The edges, who is administrator and who can become one are the rules'; Java reads
 * them back and picks the shortest paths to show. The library never prints.
 */
public final class Escalations {

    /** The whole graph: answers per principal, the node labels and edges, and how many requests were decided. */
    public record Result(List<EscalationAnswer> answers, Map<String, String> labels, List<Escalation> edges, int requests) {
    }

    private final Facts facts;
    private final RuleBase rules;
    private final Questions questions;
    private final OrgRequests requests;
    private final Evaluator evaluator;
    private volatile Result result;

    public Escalations(Questions questions, RuleBase rules) {
        this.facts = questions.facts();
        this.rules = rules;
        this.questions = questions;
        this.requests = questions.requests();
        this.evaluator = questions.evaluator();
    }

    /** The service recipes of the rule base. */
    public List<Recipe> recipes() {
        return catalog().recipes();
    }

    /** Builds and decides the whole escalation graph once; later calls return the same result. */
    public Result analyze(Consumer<String> progress) {
        Result r = result;
        if (r == null) {
            synchronized (this) {
                if (result == null) {
                    result = compute(progress == null ? x -> { } : progress, Set.of());
                }
                r = result;
            }
        }
        return r;
    }

    /** The nodes and their decided requests, computed once and shared by every graph built over them. */
    record Prepared(EscalationStates states, List<AssumeOutcome> assumes, List<EscalationAsk> asks, List<Decision> decisions, long nanos) {
    }

    private volatile Prepared prepared;

    private synchronized Prepared prepare(Consumer<String> progress) {
        if (prepared == null) {
            Catalog catalog = catalog();
            EscalationStates states = new EscalationStates(facts, actionsOf(catalog, EdgeRequest.Edge.SWITCH_POLICY_VERSION),
                    actionsOf(catalog, EdgeRequest.Edge.JOIN_GROUP));
            prepared = new EscalationAsks(facts, questions, evaluator, states, catalog).decideAll(progress);
        }
        return prepared;
    }

    /** {@code goals}: nodes worth reaching besides the administrators (who-can's principals with the access). */
    private Result compute(Consumer<String> progress, Set<String> goals) {
        long start = System.nanoTime();
        boolean fresh = prepared == null;
        Prepared prep = prepare(progress);
        EscalationStates states = prep.states();
        // the time to decide counts in the first graph only
        long t0 = fresh ? start : System.nanoTime();
        List<AssumeOutcome> assumes = prep.assumes();
        List<EscalationAsk> asks = prep.asks();
        List<Decision> decisions = prep.decisions();

        // the rules: edges, administrators, who can become one
        KieSession s = rules.escalationBase().newKieSession();
        List<Escalation> edges = new ArrayList<>();
        Map<String, Administrator> admins = new HashMap<>();
        Map<String, Certainty> reachers = new HashMap<>();
        Map<String, List<NearMiss>> nearMisses = new HashMap<>();
        try {
            s.insert(new EscalationAnalysis());
            states.nodes().values().forEach(s::insert);
            goals.forEach(g -> s.insert(new WorthReaching(g)));
            for (Principal p : facts.principals().values()) {
                for (Policy pol : p.policies()) {
                    if (facts.managedPolicies().containsKey(pol.id())) {
                        s.insert(new Attached(pol.id(), p.arn()));
                    }
                }
                if (p.kind() == Principal.Kind.USER) {
                    for (String g : p.groups()) {
                        Group group = states.group(p.account(), g);
                        if (group != null) {
                            s.insert(new MemberOf(p.arn(), group.arn()));
                        }
                    }
                }
            }
            facts.instanceProfiles().forEach((role, has) -> {
                if (has) {
                    s.insert(new InstanceProfile(role));
                }
            });
            assumes.forEach(s::insert);
            int abilities = 0;
            for (int i = 0; i < asks.size(); i++) {
                Decision d = decisions.get(i);
                if (d.verdict() != Verdict.ALLOWED && d.verdict() != Verdict.CONDITIONAL) {
                    continue;
                }
                EscalationAsk a = asks.get(i);
                Set<String> targets = new java.util.HashSet<>(a.targets());
                for (String n : a.nodes()) {
                    s.insert(new Ability(n, a.action(), targets, a.qualifier(), d.verdict() == Verdict.CONDITIONAL, i));
                    abilities++;
                }
            }
            progress.accept(String.format(Locale.ROOT, "escalation: %d requests decided in %.1f s; %d abilities",
                    asks.size(), prep.nanos() / 1e9, abilities));
            long t2 = System.nanoTime();
            s.fireAllRules();
            progress.accept(String.format(Locale.ROOT, "escalation: the rules derived the graph in %.1f s", (System.nanoTime() - t2) / 1e9));
            for (QueryResultsRow row : s.getQueryResults("escalationEdges")) {
                edges.add((Escalation) row.get("$e"));
            }
            for (QueryResultsRow row : s.getQueryResults("administrators")) {
                Administrator a = (Administrator) row.get("$a");
                admins.merge(a.node(), a, (x, y) -> x.conditional() ? y : x);
            }
            for (QueryResultsRow row : s.getQueryResults("nearMisses")) {
                NearMiss m = (NearMiss) row.get("$m");
                nearMisses.computeIfAbsent(m.node(), k -> new ArrayList<>()).add(m);
            }
            for (QueryResultsRow row : s.getQueryResults("adminReachers")) {
                CanBecomeAdmin c = (CanBecomeAdmin) row.get("$c");
                reachers.merge(c.node(), c.certainty(), (x, y) -> x == Certainty.CERTAIN || y == Certainty.CERTAIN
                        ? Certainty.CERTAIN : Certainty.POSSIBLE);
            }
        } finally {
            s.dispose();
        }
        edges.sort(Comparator.comparing(Escalation::from).thenComparing(Escalation::to).thenComparing(Escalation::edge));
        long t3 = System.nanoTime();
        List<EscalationAnswer> answers = new EscalationPaths(facts, questions, states).answers(edges, admins, reachers, decisions, asks,
                nearMisses);
        progress.accept(String.format(Locale.ROOT, "escalation: shortest paths in %.1f s", (System.nanoTime() - t3) / 1e9));
        Map<String, String> labels = new LinkedHashMap<>();
        states.nodes().values().forEach(n -> labels.put(n.id(), n.label()));
        progress.accept(String.format(Locale.ROOT, "escalation: %d edges, %d administrator states, %d principals are or can become administrator; %.1f s",
                edges.size(), admins.size(), answers.stream().filter(a -> a.admin() || a.canEscalate()).count(),
                (System.nanoTime() - t0) / 1e9));
        return new Result(answers, labels, edges, asks.size());
    }

    // ---------------------------------------------------------------- who can, through escalation

    /**
     * The principals that reach the access through privilege escalation: those that can escalate to a
     * principal with the access ({@code direct}, from who-can) or to an administrator of the resource's
     * account whose request the rule base allows. Each entry names its path ({@code via}, the states it
     * passes through) and is Conditional when a step or the final answer is.
     */
    public List<Access> whoCanThroughEscalation(String resource, List<String> actions, List<Access> direct,
                                                     Consumer<String> progress) {
        // the administrators, from their decided requests (30-administrators.drl derives the same from them)
        Prepared prep = prepare(progress == null ? x -> { } : progress);
        EscalationStates states = prep.states();
        Set<String> administrators = new java.util.TreeSet<>();
        for (int i = 0; i < prep.asks().size(); i++) {
            Verdict v = prep.decisions().get(i).verdict();
            if (prep.asks().get(i).action().equals("*") && (v == Verdict.ALLOWED || v == Verdict.CONDITIONAL)) {
                administrators.addAll(prep.asks().get(i).nodes());
            }
        }
        String owner = requests.resourceAccount(resource);
        Map<String, Access> goalEntries = new HashMap<>();
        for (Access e : direct) {
            if (e.via().isEmpty() && states.nodes().containsKey(e.principal())) {
                goalEntries.put(e.principal(), e);
            }
        }
        // administrators of the resource's account: what they may do on it, decided
        List<Request> asks = new ArrayList<>();
        List<String> askedFor = new ArrayList<>();
        // administrators of the owning account, and of the accounts the resource's policy names (all, if it names anyone)
        Set<String> accounts = new java.util.HashSet<>(List.of(owner));
        boolean anyAccount = false;
        dev.gatehouse.org.Resource res = requests.resource(resource);
        if (res != null && res.policy() != null) {
            for (Statement st : res.policy().statements()) {
                if (st.effect() != Effect.ALLOW || st.principal() == null) {
                    continue;
                }
                anyAccount |= st.notPrincipal() || st.principal().anyone();
                for (String aws : st.principal().aws()) {
                    anyAccount |= aws.equals("*");
                    if (aws.matches("\\d{12}")) {
                        accounts.add(aws);
                    } else {
                        Arn.parse(aws).ifPresent(x -> accounts.add(x.account()));
                    }
                }
            }
        }
        for (String n : administrators) {
            Node node = states.nodes().get(n);
            if ((anyAccount || accounts.contains(node.account())) && !goalEntries.containsKey(n)) {
                for (String a : actions) {
                    asks.add(requests.request(states.principal(n), a, resource));
                    askedFor.add(n);
                }
            }
        }
        List<Decision> ds = evaluator.evaluate(asks);
        Map<String, List<Integer>> allowedFor = new LinkedHashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            if (ds.get(i).verdict() == Verdict.ALLOWED || ds.get(i).verdict() == Verdict.CONDITIONAL) {
                allowedFor.computeIfAbsent(askedFor.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        allowedFor.forEach((n, idx) -> {
            boolean cond = idx.stream().anyMatch(i -> ds.get(i).verdict() == Verdict.CONDITIONAL);
            goalEntries.put(n, new Access(n, "administrator", Verdict.granted(cond),
                    idx.stream().map(i -> asks.get(i).action()).distinct().sorted().toList(), List.of(), List.of(),
                    StatementRef.describeAll(idx.stream().flatMap(i -> ds.get(i).allowedBy().stream()).toList())));
        });
        Result r = compute(progress == null ? x -> { } : progress, goalEntries.keySet());
        Map<String, List<Escalation>> into = new HashMap<>();
        r.edges().forEach(e -> into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e));
        // one backward search from every goal: each node gets its nearest goal and the edge towards it
        Map<String, Escalation> next = new HashMap<>();
        Map<String, String> goalOf = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        goalEntries.keySet().stream().sorted().forEach(g -> {
            goalOf.put(g, g);
            queue.add(g);
        });
        while (!queue.isEmpty()) {
            String t = queue.poll();
            List<Escalation> in = new ArrayList<>(into.getOrDefault(t, List.of()));
            in.sort(Comparator.comparing(Escalation::conditional).thenComparing(Escalation::from));
            for (Escalation e : in) {
                if (!goalOf.containsKey(e.from())) {
                    goalOf.put(e.from(), goalOf.get(t));
                    next.put(e.from(), e);
                    queue.add(e.from());
                }
            }
        }
        Set<String> listed = new java.util.HashSet<>();
        direct.forEach(e -> listed.add(e.principal()));
        List<Access> out = new ArrayList<>();
        for (Principal p : facts.principals().values()) {
            if (listed.contains(p.arn()) || !next.containsKey(p.arn())) {
                continue;
            }
            Access goal = goalEntries.get(goalOf.get(p.arn()));
            List<String> via = new ArrayList<>();
            List<String> conditions = new ArrayList<>(goal.conditions());
            boolean conditional = goal.decision() == Verdict.CONDITIONAL;
            String at = p.arn();
            while (next.containsKey(at)) {
                Escalation e = next.get(at);
                via.add(e.edge() + " → " + states.nodes().get(e.to()).label());
                if (!e.note().isEmpty()) {
                    conditions.add(e.note());
                }
                conditional |= e.conditional();
                at = e.to();
            }
            out.add(new Access(p.arn(), PrincipalTypes.of(p), Verdict.granted(conditional),
                    goal.actions(), conditions.stream().distinct().toList(), via, goal.grants()));
        }
        out.sort(Comparator.comparing((Access e) -> e.via().size()).thenComparing(Access::principal));
        return out;
    }

    /** The service recipes (rules/escalation/10-recipes.drl) and the requests every other edge rests on (05-edge-requests.drl). */
    record Catalog(List<Recipe> recipes, List<EdgeRequest> edgeRequests) {
    }

    private Catalog catalog() {
        KieSession s = rules.escalationBase().newKieSession();
        try {
            s.insert(new EscalationAnalysis());
            s.fireAllRules();
            List<Recipe> recipes = new ArrayList<>();
            List<EdgeRequest> edgeRequests = new ArrayList<>();
            for (Object o : s.getObjects()) {
                if (o instanceof Recipe r) {
                    recipes.add(r);
                } else if (o instanceof EdgeRequest e) {
                    edgeRequests.add(e);
                }
            }
            recipes.sort(Comparator.comparing(Recipe::name));
            edgeRequests.sort(Comparator.comparing(EdgeRequest::target).thenComparing(EdgeRequest::action));
            return new Catalog(recipes, edgeRequests);
        } finally {
            s.dispose();
        }
    }

    /** The actions of the edges of a kind, as the rules declare them. */
    static List<String> actionsOf(Catalog catalog, EdgeRequest.Edge edge) {
        return catalog.edgeRequests().stream().filter(er -> er.edge() == edge).map(er -> er.action().toLowerCase(Locale.ROOT)).toList();
    }
}
