package dev.gatehouse.query;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

import dev.gatehouse.api.Access;

import dev.gatehouse.api.Decision;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.api.StatementRef;
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
import dev.gatehouse.facts.Node;
import dev.gatehouse.facts.Recipe;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.facts.WorthReaching;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Group;
import dev.gatehouse.org.ManagedPolicy;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Condition;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Variables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private static final Policy ANY_POLICY = PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "builtin"), PolicyKind.IDENTITY,
            "gatehouse:any-policy", "a policy of its choosing", "builtin", "").orThrow();

    /** The whole graph: answers per principal, the node labels and edges, and how many requests were decided. */
    public record Result(List<EscalationAnswer> answers, Map<String, String> labels, List<Escalation> edges, int requests) {
    }

    private final Facts facts;
    private final RuleBase rules;
    private final Questions questions;
    private final OrgRequests requests;
    private final ThreadLocal<Evaluator> evaluators;
    private volatile Result result;

    public Escalations(Questions questions, RuleBase rules) {
        this.facts = questions.facts();
        this.rules = rules;
        this.questions = questions;
        this.requests = questions.requests();
        this.evaluators = ThreadLocal.withInitial(() -> new Evaluator(rules));
    }

    /** The service recipes (rules/escalation/10-recipes.drl) and the requests every other edge rests on (05-edge-requests.drl). */
    private record Catalog(List<Recipe> recipes, List<EdgeRequest> edgeRequests) {
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

    // ---------------------------------------------------------------- the graph's nodes

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Principal> asPrincipal = new HashMap<>();
    /** The groups by {@code account|name}: how a user's GroupList names them. */
    private final Map<String, Group> groupByName = new HashMap<>();

    private void node(Node n, Principal p) {
        nodes.put(n.id(), n);
        asPrincipal.put(n.id(), p);
    }

    private static Principal withPolicies(Principal p, List<Policy> policies) {
        return new Principal(p.arn(), p.kind(), p.account(), p.name(), p.tags(), policies, p.boundary(), p.groups(), p.trust());
    }

    /** The actions of the edges of a kind, as the rules declare them. */
    private static List<String> actionsOf(Catalog catalog, EdgeRequest.Edge edge) {
        return catalog.edgeRequests().stream().filter(er -> er.edge() == edge).map(er -> er.action().toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean mayAllowAny(List<Policy> policies, List<String> actionsLower, String resource) {
        return actionsLower.stream().anyMatch(a -> PolicyScan.mayAllow(policies, a, resource));
    }

    private void buildNodes(Catalog catalog) {
        List<String> switching = actionsOf(catalog, EdgeRequest.Edge.SWITCH_POLICY_VERSION);
        List<String> joining = actionsOf(catalog, EdgeRequest.Edge.JOIN_GROUP);
        facts.groups().values().forEach(g -> groupByName.put(g.account() + "|" + g.name(), g));
        for (Principal p : facts.principals().values()) {
            node(new Node(p.arn(), p.arn(), p.account(), Node.Kind.PRINCIPAL, "", p.arn()), p);
            List<Policy> plus = new ArrayList<>(p.policies());
            plus.add(ANY_POLICY);
            node(new Node(p.arn() + " [with a policy of its choosing]", p.arn(), p.account(), Node.Kind.ANY_POLICY, "",
                    p.arn() + " [with a policy of its choosing]"), withPolicies(p, plus));
            for (Policy pol : p.policies()) {
                ManagedPolicy mp = facts.managedPolicies().get(pol.id());
                if (mp == null || !mp.hasOtherVersions()
                        || !mayAllowAny(p.policies(), switching, mp.arn())) {
                    continue;
                }
                mp.versions().forEach((vid, version) -> {
                    if (vid.equals(mp.defaultVersion())) {
                        return;
                    }
                    List<Policy> swapped = p.policies().stream().map(x -> x.id().equals(mp.arn()) ? version : x).toList();
                    String id = p.arn() + " [with " + mp.name() + " at " + vid + "]";
                    node(new Node(id, p.arn(), p.account(), Node.Kind.POLICY_VERSION, mp.arn(), id), withPolicies(p, swapped));
                });
            }
            if (p.kind() == Principal.Kind.USER) {
                for (Group g : facts.groups().values()) {
                    if (!g.account().equals(p.account()) || p.groups().contains(g.name())
                            || !mayAllowAny(p.policies(), joining, g.arn())) {
                        continue;
                    }
                    List<Policy> plusGroup = new ArrayList<>(p.policies());
                    plusGroup.addAll(g.policies());
                    String id = p.arn() + " [in group " + g.name() + "]";
                    node(new Node(id, p.arn(), p.account(), Node.Kind.GROUP, g.arn(), id), withPolicies(p, plusGroup));
                }
            }
        }
    }

    // ---------------------------------------------------------------- the requests to ask

    /** A question for one class of nodes: an action on one class of targets, asked once for all of them. */
    private record Ask(List<String> nodes, String action, List<String> targets, String qualifier, Request request) {
    }

    private Prepared decideAll(Consumer<String> progress) {
        long t0 = System.nanoTime();
        Catalog catalog = catalog();
        buildNodes(catalog);
        List<AssumeOutcome> assumes = questions.assumeOutcomes();
        List<Recipe> recipes = catalog.recipes();
        // the roles each service principal may assume, by account
        Map<String, Map<String, List<String>>> serviceRoles = new HashMap<>();
        Set<String> services = new LinkedHashSet<>();
        recipes.forEach(r -> services.add(r.service()));
        for (AssumeOutcome o : assumes) {
            if (services.contains(o.from()) && facts.principals().containsKey(o.to())) {
                String acct = facts.principals().get(o.to()).account();
                serviceRoles.computeIfAbsent(acct, k -> new TreeMap<>()).computeIfAbsent(o.from(), k -> new ArrayList<>()).add(o.to());
            }
        }
        // nodes that no policy can tell apart ask once
        // (a changed state of a principal shares the class of the principal, changed the same way)
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            String base = questions.principalClass(facts.principals().get(n.arn()));
            String key = switch (n.kind()) {
                case PRINCIPAL -> base;
                case ANY_POLICY -> base + "|any";
                default -> base.equals(n.arn()) ? n.id() : base + "|" + n.kind() + "|" + n.id().substring(n.arn().length());
            };
            classes.computeIfAbsent(key, k -> new ArrayList<>()).add(n.id());
        }
        Map<String, List<String>> usersBy = new HashMap<>();
        Map<String, List<String>> rolesBy = new HashMap<>();
        for (Principal p : facts.principals().values()) {
            (p.kind() == Principal.Kind.USER ? usersBy : rolesBy).computeIfAbsent(p.account(), k -> new ArrayList<>()).add(p.arn());
        }
        Map<String, List<String>> groupsBy = new HashMap<>();
        facts.groups().values().forEach(g -> groupsBy.computeIfAbsent(g.account(), k -> new ArrayList<>()).add(g.arn()));
        Map<String, List<String>> policiesBy = new HashMap<>();
        facts.managedPolicies().values().forEach(m -> policiesBy.computeIfAbsent(m.account(), k -> new ArrayList<>()).add(m.arn()));

        // first, who is administrator: no edge leaves a certain administrator, so it asks nothing more
        List<Ask> asks = new ArrayList<>();
        for (List<String> members : classes.values()) {
            Principal p = asPrincipal.get(members.get(0));
            if (couldBeAdmin(p)) {
                asks.add(new Ask(members, "*", List.of("*"), "", requests.requestOnPattern(p, "*", "*", p.account())));
            }
        }
        List<Decision> adminDecisions = decide(asks.stream().map(Ask::request).toList());
        Set<List<String>> certainAdmins = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < asks.size(); i++) {
            if (adminDecisions.get(i).verdict() == Verdict.ALLOWED) {
                certainAdmins.add(asks.get(i).nodes());
            }
        }
        int adminAsks = asks.size();
        // the other questions of each class, chosen in parallel (each class's list is its own)
        List<List<String>> open = classes.values().stream().filter(m -> !certainAdmins.contains(m)).toList();
        List<List<Ask>> perClass = open.parallelStream().map(members -> {
            List<Ask> mine = new ArrayList<>();
            Principal p = asPrincipal.get(members.get(0));
            List<Policy> standing = standing(p);
            String acct = p.account();
            Map<String, List<String>> svcRoles = serviceRoles.getOrDefault(acct, Map.of());
            // the requests the edges rest on, as the rules declare them (EdgeRequest), by the targets they are asked of
            Map<EdgeRequest.Target, List<String>> targetsOf = new java.util.EnumMap<>(EdgeRequest.Target.class);
            targetsOf.put(EdgeRequest.Target.USERS, usersBy.getOrDefault(acct, List.of()));
            targetsOf.put(EdgeRequest.Target.ROLES, rolesBy.getOrDefault(acct, List.of()));
            targetsOf.put(EdgeRequest.Target.GROUPS, groupsBy.getOrDefault(acct, List.of()));
            targetsOf.put(EdgeRequest.Target.GROUPS_TO_JOIN, p.kind() == Principal.Kind.USER ? groupsBy.getOrDefault(acct, List.of()) : List.of());
            targetsOf.put(EdgeRequest.Target.MANAGED_POLICIES, policiesBy.getOrDefault(acct, List.of()));
            for (EdgeRequest er : catalog.edgeRequests()) {
                List<String> ts = targetsOf.get(er.target());
                if (ts != null) {
                    targetAsks(mine, members, p, standing, er.action(), ts, "");
                }
            }
            // who may rewrite a role's trust policy: may it then assume the role (its SCPs and denies still apply)?
            Set<String> rewriting = catalog.edgeRequests().stream().filter(er -> er.edge() == EdgeRequest.Edge.REWRITE_TRUST)
                    .map(EdgeRequest::action).collect(java.util.stream.Collectors.toSet());
            List<String> rewritable = mine.stream().filter(x -> rewriting.contains(x.action()))
                    .flatMap(x -> x.targets().stream()).distinct().toList();
            for (EdgeRequest er : catalog.edgeRequests()) {
                if (er.target() == EdgeRequest.Target.ROLES_UNDER_OWN_TRUST && !rewritable.isEmpty()) {
                    targetAsks(mine, members, p, standing, er.action(), rewritable, Ability.UNDER_OWN_TRUST);
                }
            }
            int before = mine.size();
            for (EdgeRequest er : catalog.edgeRequests()) {
                if (er.target() == EdgeRequest.Target.SERVICE_ROLES) {
                    svcRoles.forEach((svc, roles) -> targetAsks(mine, members, p, standing, er.action(), roles, svc));
                }
            }
            boolean mayPass = mine.size() > before;
            // a recipe's actions matter only where its service may run a role of the account (and, to pass one, PassRole may be allowed)
            Set<String> wanted = new java.util.TreeSet<>();
            for (Recipe rec : recipes) {
                if (svcRoles.containsKey(rec.service()) && (mayPass || !rec.passRole())) {
                    wanted.addAll(rec.actions());
                }
            }
            for (String a : wanted) {
                for (String pattern : patterns(p, a)) {
                    mine.add(new Ask(members, a, List.of(pattern), "", requests.requestOnPattern(p, a, pattern, acct)));
                }
            }
            return mine;
        }).toList();
        perClass.forEach(asks::addAll);
        progress.accept(String.format(Locale.ROOT, "escalation: %d nodes in %d classes, %d requests to decide",
                nodes.size(), classes.size(), asks.size()));
        List<Decision> decisions = new ArrayList<>(adminDecisions);
        decisions.addAll(decide(asks.subList(adminAsks, asks.size()).stream().map(Ask::request).toList()));
        return new Prepared(assumes, asks, decisions, System.nanoTime() - t0);
    }

    /** The nodes and their decided requests, computed once and shared by every graph built over them. */
    private record Prepared(List<AssumeOutcome> assumes, List<Ask> asks, List<Decision> decisions, long nanos) {
    }

    private Prepared prepared;

    private synchronized Prepared prepare(Consumer<String> progress) {
        if (prepared == null) {
            prepared = decideAll(progress);
        }
        return prepared;
    }

    /** {@code goals}: nodes worth reaching besides the administrators (who-can's principals with the access). */
    private Result compute(Consumer<String> progress, Set<String> goals) {
        long start = System.nanoTime();
        boolean fresh = prepared == null;
        Prepared prep = prepare(progress);
        // the time to decide counts in the first graph only
        long t0 = fresh ? start : System.nanoTime();
        List<AssumeOutcome> assumes = prep.assumes();
        List<Ask> asks = prep.asks();
        List<Decision> decisions = prep.decisions();

        // the rules: edges, administrators, who can become one
        KieSession s = rules.escalationBase().newKieSession();
        List<Escalation> edges = new ArrayList<>();
        Map<String, Administrator> admins = new HashMap<>();
        Map<String, Certainty> reachers = new HashMap<>();
        try {
            s.insert(new EscalationAnalysis());
            nodes.values().forEach(s::insert);
            goals.forEach(g -> s.insert(new WorthReaching(g)));
            for (Principal p : facts.principals().values()) {
                for (Policy pol : p.policies()) {
                    if (facts.managedPolicies().containsKey(pol.id())) {
                        s.insert(new Attached(pol.id(), p.arn()));
                    }
                }
                if (p.kind() == Principal.Kind.USER) {
                    for (String g : p.groups()) {
                        Group group = groupByName.get(p.account() + "|" + g);
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
                Ask a = asks.get(i);
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
        List<EscalationAnswer> answers = answers(edges, admins, reachers, decisions, asks);
        progress.accept(String.format(Locale.ROOT, "escalation: shortest paths in %.1f s", (System.nanoTime() - t3) / 1e9));
        Map<String, String> labels = new LinkedHashMap<>();
        nodes.values().forEach(n -> labels.put(n.id(), n.label()));
        progress.accept(String.format(Locale.ROOT, "escalation: %d edges, %d administrator states, %d principals are or can become administrator; %.1f s",
                edges.size(), admins.size(), answers.stream().filter(a -> a.admin() || a.canEscalate()).count(),
                (System.nanoTime() - t0) / 1e9));
        return new Result(answers, labels, edges, asks.size());
    }

    private List<Decision> decide(List<Request> all) {
        int chunk = 256;
        List<List<Request>> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += chunk) {
            parts.add(all.subList(i, Math.min(all.size(), i + chunk)));
        }
        List<List<Decision>> out = parts.parallelStream().map(part -> evaluators.get().evaluate(part)).toList();
        List<Decision> flat = new ArrayList<>(all.size());
        out.forEach(flat::addAll);
        return flat;
    }

    /** Whether some Allow statement grants every action on every resource: otherwise the node is not administrator. */
    private static boolean couldBeAdmin(Principal p) {
        for (Policy pol : p.policies()) {
            for (Statement st : pol.statements()) {
                if (st.effect() == Effect.ALLOW && !st.notAction() && !st.notResource()
                        && st.actions().contains("*") && st.resources().contains("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The resource patterns to ask a service action on: {@code *} and those the node's Allow statements name. */
    private static List<String> patterns(Principal p, String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (Policy pol : p.policies()) {
            for (Statement st : pol.statements()) {
                if (st.effect() != Effect.ALLOW || !st.coversAction(lower)) {
                    continue;
                }
                if (st.notResource() || st.resources().contains("*")) {
                    out.add("*");
                } else {
                    st.resources().stream().filter(x -> !Variables.hasVariable(x) && Arn.isArn(x)).forEach(out::add);
                    if (st.resources().stream().anyMatch(Variables::hasVariable)) {
                        out.add("*");
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Asks an action on each class of targets that the node's statements cannot tell apart (the same
     * match of every Resource pattern, no resource keys in conditions); skips targets no Allow could grant.
     */
    private void targetAsks(List<Ask> asks, List<String> members, Principal p, List<Policy> standing, String action,
                            List<String> targets, String qualifier) {
        if (targets.isEmpty()) {
            return;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        List<Statement> relevant = new ArrayList<>();
        boolean perTarget = false;
        boolean anyAllow = false;
        for (Policy pol : standing) {
            for (Statement st : pol.statements()) {
                if (!st.coversAction(lower)) {
                    continue;
                }
                relevant.add(st);
                perTarget |= st.resources().stream().anyMatch(Variables::hasVariable);
                for (Condition c : st.conditions()) {
                    String k = c.key().toLowerCase(Locale.ROOT);
                    perTarget |= k.contains("resourcetag") || k.startsWith("iam:") && !k.equals("iam:passedtoservice")
                            || c.values().stream().anyMatch(v -> v.contains("${"));
                }
            }
        }
        for (Policy pol : p.policies()) {
            for (Statement st : pol.statements()) {
                anyAllow |= st.effect() == Effect.ALLOW && st.coversAction(lower);
            }
        }
        // under a trust policy that names it, a principal needs no Allow of its own to assume a role of its account
        boolean ownTrust = qualifier.equals(Ability.UNDER_OWN_TRUST);
        if (!anyAllow && !ownTrust) {
            return;
        }
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String t : targets) {
            if (!ownTrust && !PolicyScan.mayAllow(p.policies(), lower, t)) {
                continue;
            }
            String key;
            if (perTarget) {
                key = t;
            } else {
                StringBuilder bits = new StringBuilder();
                for (Statement st : relevant) {
                    for (String pattern : st.resources()) {
                        bits.append(pattern.equals("*") || Arn.matchesPattern(pattern, t) ? '1' : '0');
                    }
                }
                key = bits.toString();
            }
            byClass.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        if (ownTrust) {
            byClass.values().forEach(ts -> asks.add(new Ask(members, action, ts, qualifier, requests.assumeUnderOwnTrust(p, ts.get(0)))));
            return;
        }
        byClass.values().forEach(ts -> asks.add(new Ask(members, action, ts, qualifier,
                requests.request(p, action, ts.get(0), known(action, qualifier, ts.get(0))))));
    }

    /** The administrator's policy: what an attacker attaches when it may attach a policy of its choosing. */
    static final String ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

    /**
     * The condition keys an escalation request knows: the service a role is passed to, the policy attached
     * (the attacker attaches AdministratorAccess), and the target user's or role's permissions boundary —
     * so a delegated administrator bounded by iam:PermissionsBoundary or iam:PolicyARN gains only what they allow.
     */
    private Map<String, List<String>> known(String action, String qualifier, String target) {
        Map<String, List<String>> k = new LinkedHashMap<>();
        if (action.equals("iam:PassRole")) {
            k.put("iam:PassedToService", List.of(qualifier));
        }
        if (action.startsWith("iam:Attach") && action.endsWith("Policy")) {
            k.put("iam:PolicyARN", List.of(ADMIN_POLICY_ARN));
        }
        Principal t = facts.principals().get(target);
        if (t != null && (action.endsWith("UserPolicy") || action.endsWith("RolePolicy"))) {
            k.put("iam:PermissionsBoundary", t.boundary() == null ? List.of() : List.of(t.boundary().id()));
        }
        return k;
    }

    /** The policies whose statements bear on a node's requests: its own, its boundary, the SCPs of its account. */
    private List<Policy> standing(Principal p) {
        List<Policy> out = new ArrayList<>(p.policies());
        if (p.boundary() != null) {
            out.add(p.boundary());
        }
        if (facts.organization() != null) {
            facts.organization().scpLevels(p.account()).forEach(l -> out.addAll(l.policies()));
        }
        return out;
    }

    // ---------------------------------------------------------------- answers and paths

    private List<EscalationAnswer> answers(List<Escalation> edges, Map<String, Administrator> admins, Map<String, Certainty> reachers,
                                 List<Decision> decisions, List<Ask> asks) {
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
            result.add(new EscalationAnswer(id, PrincipalTypes.of(p), admin, adminConditional, adminProof,
                    canEscalate, conditional, paths));
        }
        result.sort(Comparator.comparing(EscalationAnswer::principal));
        return result;
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
            if (e.via().isEmpty() && nodes.containsKey(e.principal())) {
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
            Node node = nodes.get(n);
            if ((anyAccount || accounts.contains(node.account())) && !goalEntries.containsKey(n)) {
                for (String a : actions) {
                    asks.add(requests.request(asPrincipal.get(n), a, resource));
                    askedFor.add(n);
                }
            }
        }
        List<Decision> ds = decide(asks);
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
                via.add(e.edge() + " → " + nodes.get(e.to()).label());
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

    /**
     * The Deny statements that deny an administrator some actions (the definition of administrator does not
     * count them): named so that "administrator" never reads as more than it is.
     */
    private List<String> partialDenies(Principal p) {
        List<String> out = new ArrayList<>();
        for (Policy pol : standing(p)) {
            for (Statement st : pol.statements()) {
                if (st.effect() == Effect.DENY && !st.notAction() && !st.actions().contains("*")) {
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
                                   List<Decision> decisions, List<Ask> asks) {
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

    private EscalationStep step(Escalation e, List<Decision> decisions, List<Ask> asks) {
        List<String> proof = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (!e.note().isEmpty()) {
            conditions.add(e.note());
        }
        if (e.edge().startsWith("sts:AssumeRole")) {
            String fromArn = nodes.get(e.from()).arn();
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
        return new EscalationStep(nodes.get(e.from()).label(), nodes.get(e.to()).label(), e.edge(), proof,
                conditions.stream().distinct().toList());
    }

    private static List<String> proofLines(Decision d, Ask ask) {
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
