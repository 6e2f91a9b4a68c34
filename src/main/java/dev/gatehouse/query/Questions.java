package dev.gatehouse.query;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;

import dev.gatehouse.api.Decision;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.Matching;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.facts.AssumeOutcome;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.facts.Position;
import dev.gatehouse.facts.ReachGoal;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.load.Callers;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.api.InputException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PrincipalSpec;
import dev.gatehouse.api.Problem;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Variables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * The auditor's questions over a whole set of facts: who can act on a resource, what a principal can
 * do, who can assume a role, whether one principal can reach another. Every answer is decided by the
 * rule base; Java only chooses which requests to ask (skipping principals no statement could grant)
 * and assembles the answers. The library never prints.
 */
public final class Questions {
    private final Facts facts;

    /**
     * Computes, once, what every question shares: the decided role assumptions and who reaches each role.
     * After it, who-can may be asked from several threads at once.
     */
    public synchronized void prepare() {
        reachability();
        assumeInto();
    }

    private Caller caller(Principal p) {
        return callers.computeIfAbsent(p.arn(), k -> OrgRequests.caller(p));
    }
    private final RuleBase rules;
    private final OrgRequests requests;
    private List<AssumeOutcome> assumeOutcomes;
    private Map<String, Map<String, Decision>> assumeProof;
    private volatile Map<String, Set<String>> reachers;
    private volatile Map<String, List<AssumeOutcome>> assumeInto;
    private final Map<String, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Reads> principalReads = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> baseKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Caller> callers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Set<String>> specificNames = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadLocal<Evaluator> evaluators;

    /** The questions over the facts with what {@code options} holds constant for every request. */
    public Questions(Facts facts, RuleBase rules, dev.gatehouse.api.Options options) {
        this.facts = facts;
        this.rules = rules;
        this.evaluators = ThreadLocal.withInitial(() -> new Evaluator(rules));
        this.requests = new OrgRequests(facts, options.fixedKeys(), options.resourceAccounts());
    }

    public Facts facts() {
        return facts;
    }

    // ---------------------------------------------------------------- who can

    /** Every principal that can perform any of the actions on the resource, directly or through roles it can assume. */
    public List<Access> whoCan(String resource, List<String> actions, boolean throughRoles) {
        Resource known = requests.resource(resource);
        requireComplete(known == null ? resource : known.arn(), "who can access it");
        if (resource.startsWith("arn:aws:s3:::") && resource.contains("/")) {
            requireComplete(resource.substring(0, resource.indexOf('/')), "who can access it");
        }
        String owner = requests.resourceAccount(resource);
        requireComplete(owner, "who in the owning account can access it");
        List<String> acts = actions.stream().distinct().toList();
        Resource res = requests.resource(resource);
        Policy rp = res == null ? null : res.policy();
        List<Request> asks = new ArrayList<>();
        List<String> askedBy = new ArrayList<>();
        Map<String, String> typeOf = new HashMap<>();
        // principals that no policy can tell apart get the same answers: ask one of each class
        Map<String, List<Principal>> classes = new LinkedHashMap<>();
        boolean rpSensitive = sensitive(rp);
        Set<String> specific = namedSpecifically(rp);
        boolean rpTags = readsTags(rp);
        for (Principal p : facts.principals().values()) {
            classes.computeIfAbsent(classKey(p, rpSensitive, specific, rpTags), k -> new ArrayList<>()).add(p);
            typeOf.put(p.arn(), p.kind() == Principal.Kind.USER ? "user" : "role");
        }
        Map<String, List<Principal>> members = new HashMap<>();
        List<String> lower = acts.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        Map<String, java.util.BitSet> policyBits = new HashMap<>();
        List<java.util.BitSet> rpBits = new ArrayList<>();
        if (rp != null) {
            for (Statement st : rp.statements()) {
                java.util.BitSet b = new java.util.BitSet();
                if (st.effect() == Effect.ALLOW && st.principal() != null) {
                    for (int i = 0; i < lower.size(); i++) {
                        if (st.coversAction(lower.get(i))) {
                            b.set(i);
                        }
                    }
                }
                rpBits.add(b);
            }
        }
        for (List<Principal> cls : classes.values()) {
            Principal p = cls.get(0);
            members.put(p.arn(), cls);
            Caller c = caller(p);
            java.util.BitSet ask = new java.util.BitSet();
            // a caller from another account needs the resource policy to name it (semantics.md §3.4)
            if (p.account().equals(owner)) {
                for (Policy pol : p.policies()) {
                    ask.or(policyBits.computeIfAbsent(pol.id(), k -> {
                        java.util.BitSet b = new java.util.BitSet();
                        for (int i = 0; i < lower.size(); i++) {
                            if (mayAllow(List.of(pol), lower.get(i), resource)) {
                                b.set(i);
                            }
                        }
                        return b;
                    }));
                }
            }
            if (rp != null) {
                for (int k = 0; k < rp.statements().size(); k++) {
                    Statement st = rp.statements().get(k);
                    if (!rpBits.get(k).isEmpty() && (st.notPrincipal() || Matching.named(st.principal(), c) != Position.NONE)) {
                        ask.or(rpBits.get(k));
                    }
                }
            }
            for (int i = ask.nextSetBit(0); i >= 0; i = ask.nextSetBit(i + 1)) {
                asks.add(requests.request(p, acts.get(i), resource));
                askedBy.add(p.arn());
            }
        }
        for (Caller c : outsiders(rp)) {
            for (String a : acts) {
                if (names(rp, c, a.toLowerCase(Locale.ROOT))) {
                    asks.add(requests.external(c, a, resource));
                    askedBy.add(c.arn());
                }
            }
            typeOf.put(c.arn(), switch (c.kind()) {
                case SERVICE -> "service";
                case ANONYMOUS -> "public";
                case ROOT -> "external-account";
                default -> "external-principal";
            });
        }
        List<Decision> ds = evaluators.get().evaluate(asks);
        Map<String, Acc> byPrincipal = new LinkedHashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            Decision d = ds.get(i);
            if (d.verdict() != Verdict.ALLOWED && d.verdict() != Verdict.CONDITIONAL) {
                continue;
            }
            List<Principal> cls = members.get(askedBy.get(i));
            // the members of a class share one answer object
            Acc acc = byPrincipal.computeIfAbsent(askedBy.get(i), k -> new Acc());
            acc.add(asks.get(i).action(), d);
            if (cls != null) {
                for (Principal m : cls) {
                    byPrincipal.putIfAbsent(m.arn(), acc);
                }
            }
        }
        List<Access> out = new ArrayList<>();
        byPrincipal.forEach((p, acc) -> out.add(acc.entry(p, typeOf.get(p), List.of(), List.of())));
        if (throughRoles) {
            reachability();
            // one backward search from every role with direct access: each principal that reaches one of
            // them gets the nearest, with its path; the rules' reachersOf answer says who reaches which role
            Deque<String> queue = new ArrayDeque<>();
            Map<String, String> source = new HashMap<>();
            Map<String, AssumeOutcome> next = new HashMap<>();
            for (Map.Entry<String, Acc> e : byPrincipal.entrySet()) {
                if ("role".equals(typeOf.get(e.getKey()))) {
                    source.put(e.getKey(), e.getKey());
                    queue.add(e.getKey());
                }
            }
            while (!queue.isEmpty()) {
                String t = queue.poll();
                for (AssumeOutcome o : assumeInto().getOrDefault(t, List.of())) {
                    String src = source.get(t);
                    if (!source.containsKey(o.from()) && reachers.getOrDefault(src, Set.of()).contains(o.from())) {
                        source.put(o.from(), src);
                        next.put(o.from(), o);
                        queue.add(o.from());
                    }
                }
            }
            // what each principal gains through roles: the union over every role with access that it reaches
            Map<String, Acc> gained = new HashMap<>();
            for (Map.Entry<String, Acc> e : byPrincipal.entrySet()) {
                if ("role".equals(typeOf.get(e.getKey()))) {
                    for (String from : reachers.getOrDefault(e.getKey(), Set.of())) {
                        gained.computeIfAbsent(from, k -> new Acc()).absorb(e.getValue());
                    }
                }
            }
            for (Map.Entry<String, AssumeOutcome> e : next.entrySet()) {
                String p = e.getKey();
                Acc direct = byPrincipal.get(p);
                if (direct != null && direct.allowed && direct.actions.containsAll(gained.get(p).actions)) {
                    continue;
                }
                List<String> via = new ArrayList<>();
                List<String> hopConditions = new ArrayList<>();
                String at = p;
                while (next.containsKey(at)) {
                    AssumeOutcome o = next.get(at);
                    o.conditions().forEach(c -> hopConditions.add("assuming " + o.to() + " " + c));
                    via.add(o.to());
                    at = o.to();
                }
                Access e2 = gained.get(p).entry(p, typeOf.getOrDefault(p, kindOf(p)), via, hopConditions);
                if (direct != null && direct.allowed) {
                    // listed directly already: the entry through roles names only what the roles add
                    List<String> extra = e2.actions().stream().filter(a -> !direct.actions.contains(a)).toList();
                    e2 = new Access(p, e2.type(), e2.decision(), extra, e2.conditions(), e2.via(), e2.grants());
                }
                out.add(e2);
            }
        }
        out.sort((a, b) -> a.via().size() != b.via().size() ? Integer.compare(a.via().size(), b.via().size())
                : a.principal().compareTo(b.principal()));
        return merge(out);
    }

    /**
     * Principals of one class get the same answer to every request on this resource: same account, kind,
     * policies (by content), boundary and tags, and nothing that names them apart — the key holds the
     * ARN when the resource policy names the principal itself or a policy in force reads a key or
     * variable that differs between principals (aws:PrincipalArn, aws:username, aws:userid, ${…}).
     */
    private String classKey(Principal p, Policy rp) {
        return classKey(p, sensitive(rp), namedSpecifically(rp), readsTags(rp));
    }

    private String classKey(Principal p, boolean rpSensitive, Set<String> specific) {
        return classKey(p, rpSensitive, specific, false);
    }

    /** {@code rpReadsTags}: the resource policy reads principal tags, so principals with other tags answer apart. */
    private String classKey(Principal p, boolean rpSensitive, Set<String> specific, boolean rpReadsTags) {
        if (rpSensitive || specific.contains(p.arn())
                || (p.kind() == Principal.Kind.ROLE && specific.contains(p.account() + ":role:" + p.name()))) {
            return p.arn();
        }
        String k = baseKeys.computeIfAbsent(p.arn(), x -> baseKey(p));
        return rpReadsTags && !k.equals(p.arn()) && !k.endsWith("|tags") ? k + "|" + new java.util.TreeMap<>(p.tags()) : k;
    }

    private boolean readsTags(Policy p) {
        return p != null && reads(p).principalTags();
    }

    /** The principals a resource policy names one by one (users by ARN, roles by account and name), as trustKey gives them. */
    private Set<String> namedSpecifically(Policy rp) {
        if (rp == null) {
            return Set.of();
        }
        return specificNames.computeIfAbsent(rp.id(), k -> specificNamesOf(rp));
    }

    private static Set<String> specificNamesOf(Policy rp) {
        Set<String> out = new java.util.HashSet<>();
        for (Statement st : rp.statements()) {
            if (st.principal() != null) {
                for (String aws : st.principal().aws()) {
                    out.add(trustKey(aws));
                }
            }
        }
        return out;
    }

    /** The part of a principal's class that does not depend on the resource: its own policies, tags and org. */
    private String baseKey(Principal p) {
        boolean sensitive = p.boundary() != null && sensitive(p.boundary());
        boolean tags = readsTags(p.boundary());
        for (Policy pol : p.policies()) {
            sensitive |= sensitive(pol);
            tags |= readsTags(pol);
        }
        if (facts.organization() != null) {
            for (var level : facts.organization().scpLevels(p.account())) {
                for (Policy pol : level.policies()) {
                    sensitive |= sensitive(pol);
                    tags |= readsTags(pol);
                }
            }
            for (List<Policy> rcps : facts.organization().rcps().values()) {
                for (Policy pol : rcps) {
                    sensitive |= sensitive(pol);
                    tags |= readsTags(pol);
                }
            }
        }
        if (sensitive) {
            return p.arn();
        }
        StringBuilder k = new StringBuilder().append(p.account()).append('|').append(p.kind()).append('|');
        p.policies().stream().map(this::fingerprint).sorted().forEach(f -> k.append(f).append(';'));
        k.append('|').append(p.boundary() == null ? "" : fingerprint(p.boundary()));
        // principal tags set principals apart only where a policy reads them
        if (tags) {
            k.append('|').append(new java.util.TreeMap<>(p.tags())).append("|tags");
        }
        return k.toString();
    }

    /** A policy by name and content: principals that share a class share their proofs too, so names count. */
    private String fingerprint(Policy p) {
        return fingerprints.computeIfAbsent(p.id(), k -> {
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(
                        (p.name() + "\n" + p.version() + "\n" + p.statements()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(h);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private boolean sensitive(Policy p) {
        return p != null && reads(p).principalKeys();
    }

    /** What a policy reads of the principal: keys or variables that differ between principals, and principal tags. */
    private record Reads(boolean principalKeys, boolean principalTags) {
    }

    private Reads reads(Policy p) {
        return principalReads.computeIfAbsent(p.id(), k -> {
            String text = p.statements().toString().toLowerCase(Locale.ROOT);
            return new Reads(text.contains("${") || text.contains("aws:principalarn") || text.contains("aws:username")
                    || text.contains("aws:userid") || text.contains("aws:sourceidentity") || text.contains("aws:rolesessionname"),
                    text.contains("principaltag"));
        });
    }

    /** Keeps, per principal, its direct entry and its entry through roles (when the roles add access). */
    private static List<Access> merge(List<Access> sorted) {
        Map<String, Access> out = new LinkedHashMap<>();
        for (Access e : sorted) {
            out.putIfAbsent(e.principal() + (e.via().isEmpty() ? "" : " via"), e);
        }
        return new ArrayList<>(out.values());
    }

    private static String kindOf(String arn) {
        if (arn.equals("anonymous")) {
            return "public";
        }
        if (!arn.startsWith("arn:")) {
            return "service";
        }
        return arn.endsWith(":root") ? "external-account" : "external-principal";
    }

    /** Accumulates one principal's answers over several actions. */
    private static final class Acc {
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
            for (StatementRef s : d.allowedBy()) {
                grants.add(s);
                if (d.verdict() == Verdict.CONDITIONAL) {
                    s.conditions().forEach(c -> condition("if " + c, action));
                }
            }
            if (d.verdict() == Verdict.CONDITIONAL) {
                for (StatementRef s : d.deniedBy()) {
                    s.conditions().forEach(c -> condition("unless " + c, action));
                }
            }
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
            return new Access(principal, type, ok ? "Allowed" : "Conditional", new ArrayList<>(actions), cond, via,
                    StatementRef.describeAll(grants));
        }
    }

    /** Callers outside the facts that a resource policy names: other accounts, their principals, services, the public. */
    private List<Caller> outsiders(Policy rp) {
        List<Caller> out = new ArrayList<>();
        if (rp == null) {
            return out;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Statement s : rp.statements()) {
            if (s.effect() != Effect.ALLOW || s.principal() == null) {
                continue;
            }
            PrincipalSpec spec = s.principal();
            if (spec.anyone() || s.notPrincipal()) {
                seen.add("anonymous");
            }
            for (String aws : spec.aws()) {
                String acct = aws.matches("\\d{12}") ? aws : Arn.parse(aws).map(Arn::account).orElse("");
                if (!acct.matches("\\d{12}")) {
                    continue;
                }
                boolean inFacts = facts.principals().values().stream().anyMatch(p -> p.account().equals(acct));
                if (aws.matches("\\d{12}") || aws.endsWith(":root")) {
                    if (!inFacts) {
                        seen.add("arn:aws:iam::" + acct + ":root");
                    }
                } else if (!facts.principals().containsKey(aws)) {
                    seen.add(aws);
                }
            }
            seen.addAll(spec.service());
        }
        for (String s : seen) {
            Caller c = Callers.parse(s, null);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether a resource policy has an Allow for the action whose Principal names the caller. */
    private static boolean names(Policy rp, Caller c, String actionLower) {
        if (rp == null) {
            return false;
        }
        for (Statement s : rp.statements()) {
            if (s.effect() == Effect.ALLOW && s.principal() != null && s.coversAction(actionLower)
                    && (s.notPrincipal() || Matching.named(s.principal(), c) != Position.NONE)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some Allow statement of the policies could grant the action on the resource, conditions aside. */
    static boolean mayAllow(List<Policy> policies, String actionLower, String resource) {
        for (Policy p : policies) {
            for (Statement s : p.statements()) {
                if (s.effect() != Effect.ALLOW || !s.coversAction(actionLower)) {
                    continue;
                }
                boolean listed = false;
                for (String pattern : s.resources()) {
                    if (pattern.equals("*") || Variables.hasVariable(pattern)
                            || dev.gatehouse.policy.Arn.matchesPattern(pattern, resource)) {
                        listed = true;
                        break;
                    }
                }
                if (listed != s.notResource() || (s.notResource() && s.resources().stream().anyMatch(Variables::hasVariable))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Refuses a question about something whose policies could not all be read (facts.incomplete()): its
     * answer could miss access, which must not pass for a complete answer.
     */
    public void requireComplete(String key, String question) {
        String why = facts.incomplete().get(key);
        if (why != null) {
            throw new InputException(new Problem("", "", "cannot answer " + question + " for `" + key + "`: " + why));
        }
    }

    // ---------------------------------------------------------------- role assumption

    /** Every principal that can reach the role through one or more role assumptions, with its shortest path. */
    public List<AssumePath> whoCanAssume(String role) {
        if (!facts.principals().containsKey(role)) {
            throw new InputException(new Problem("", "", "the role `" + role + "` is not in the facts"));
        }
        requireComplete(role, "who can assume it");
        Set<String> reachers = reachersOf(role);
        return paths(reachers, role);
    }

    /** The shortest path from one principal to a role, if the rules find that it reaches it. */
    public List<AssumePath> canReach(String from, String to) {
        return whoCanAssume(to).stream().filter(p -> p.principal().equals(from)).toList();
    }

    private Set<String> reachersOf(String goal) {
        reachability();
        return reachers.getOrDefault(goal, Set.of());
    }

    /**
     * Asks the rules, once, who reaches every role of the facts: one session with every decided
     * assumption and a goal per role; the reachersOf query reads the answers.
     */
    private void reachability() {
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

    private final Map<Decision, List<String>> grantLines = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /** The statements that allow a decided assumption, described once per decision (class members share it). */
    private List<String> grantsOf(Decision d) {
        return grantLines.computeIfAbsent(d, k -> StatementRef.describeAll(k.allowedBy()));
    }

    /** The decided assumptions that allow, by the role assumed; Allowed ones first. */
    private Map<String, List<AssumeOutcome>> assumeInto() {
        Map<String, List<AssumeOutcome>> m = assumeInto;
        return m != null ? m : computeAssumeInto();
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
                hops.add(new AssumePath.Hop(o.from(), o.to(), o.verdict().word(), grantsOf(d), o.conditions()));
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
                    byName.computeIfAbsent(trustKey(aws), k -> new LinkedHashSet<>()).add(role);
                }
            }
            for (Caller c : outsiders(role.trust())) {
                if (c.kind() == CallerKind.ANONYMOUS) {
                    continue;
                }
                asks.add(requests.external(c, "sts:AssumeRole", role.arn()));
                pairs.add(new String[] {c.arn(), role.arn()});
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
                if (pos == Position.ACCOUNT && !mayAllow(p.policies(), "sts:assumerole", role.arn())) {
                    continue;
                }
                candidates.computeIfAbsent(role, k -> new LinkedHashMap<>())
                        .computeIfAbsent(classKey(p, role.trust()), k -> new ArrayList<>()).add(p);
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
        List<Decision> ds = evaluators.get().evaluate(asks);
        assumeOutcomes = new ArrayList<>();
        assumeProof = new HashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            Decision d = ds.get(i);
            List<String> cond = new ArrayList<>();
            if (d.verdict() == Verdict.CONDITIONAL) {
                d.allowedBy().forEach(s -> s.conditions().forEach(x -> cond.add("if " + x)));
                d.deniedBy().forEach(s -> s.conditions().forEach(x -> cond.add("unless " + x)));
            }
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

    /** Every decided role assumption that allows (also by services and outsiders), deciding them first if needed. */
    synchronized List<AssumeOutcome> assumeOutcomes() {
        edges();
        return assumeOutcomes;
    }

    /** The decision of "may {@code from} assume {@code to}", or null when it was not asked. */
    synchronized Decision assumeDecision(String from, String to) {
        edges();
        return assumeProof.getOrDefault(from, Map.of()).get(to);
    }

    /** The class of a principal for questions that no resource policy bears on: its ARN when its policies read per-principal keys. */
    String principalClass(Principal p) {
        return classKey(p, false, Set.of());
    }

    OrgRequests requests() {
        return requests;
    }

    /** How a trust policy's AWS principal entry is indexed: an account id, {@code account:role:name}, or the ARN. */
    private static String trustKey(String aws) {
        if (aws.matches("\\d{12}")) {
            return aws;
        }
        Arn a = Arn.parse(aws).orElse(null);
        if (a == null) {
            return aws;
        }
        if (a.service().equals("iam") && a.resource().equals("root")) {
            return a.account();
        }
        if (a.service().equals("iam") && a.resourceType().equals("role")) {
            return a.account() + ":role:" + a.resourceName();
        }
        return aws;
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

    // ---------------------------------------------------------------- what can

    /**
     * The actions a principal can perform: on every resource of the facts its policies (or the resource's
     * policy) could grant, and on the resource patterns its own statements name.
     */
    public List<Access> whatCan(String principal, String service, String resourcePattern,
                                     dev.gatehouse.policy.ActionCatalog catalog) {
        Principal p = facts.principals().get(principal);
        if (p == null) {
            throw new InputException(new Problem("", "", "the principal `" + principal + "` is not in the facts"));
        }
        requireComplete(principal, "what it can do");
        Caller c = OrgRequests.caller(p);
        Set<String> targets = new TreeSet<>();
        for (Resource r : facts.resources().values()) {
            targets.add(r.arn());
            if (r.arn().startsWith("arn:aws:s3:::") && !r.arn().contains("/")) {
                targets.add(r.arn() + "/*");
            }
        }
        for (Policy pol : p.policies()) {
            for (Statement s : pol.statements()) {
                if (s.effect() == Effect.ALLOW && !s.notResource()) {
                    s.resources().stream().filter(x -> !Variables.hasVariable(x)).forEach(targets::add);
                }
            }
        }
        List<Request> asks = new ArrayList<>();
        for (String target : targets) {
            if (resourcePattern != null && !dev.gatehouse.policy.Glob.match(resourcePattern, target)) {
                continue;
            }
            List<String> actions = target.equals("*") ? patternActions(p, target, service, catalog)
                    : catalog.actionsOn(target, java.util.EnumSet.allOf(dev.gatehouse.policy.ActionCatalog.Access.class));
            Resource res = requests.resource(target);
            Policy rp = res == null ? null : res.policy();
            boolean noAccount = Arn.parse(target).map(x -> !x.account().matches("\\d{12}")).orElse(true);
            // a pattern, or a resource outside the facts whose ARN names no owner: taken as the principal's own account
            boolean pattern = res == null && (target.contains("*") || noAccount);
            String acct = p.account();
            if (pattern) {
                Arn ta = Arn.parse(target).orElse(null);
                if (ta != null && ta.account().matches("\\d{12}")) {
                    acct = ta.account();
                }
            }
            for (String a : actions) {
                String al = a.toLowerCase(Locale.ROOT);
                if (service != null && !al.startsWith(service.toLowerCase(Locale.ROOT) + ":")) {
                    continue;
                }
                if (mayAllow(p.policies(), al, target) || names(rp, c, al)) {
                    asks.add(pattern ? patternRequest(p, a, target, acct) : requests.request(p, a, target));
                }
            }
        }
        List<Decision> ds = evaluators.get().evaluate(asks);
        Map<String, Acc> byResource = new LinkedHashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            Decision d = ds.get(i);
            if (d.verdict() == Verdict.ALLOWED || d.verdict() == Verdict.CONDITIONAL) {
                String a = asks.get(i).action();
                String level = catalog.accessLevel(a);
                String group = a.substring(0, a.indexOf(':')).toLowerCase(Locale.ROOT) + " " + (level == null ? "Unknown" : level);
                byResource.computeIfAbsent(asks.get(i).resource() + "\u0000" + group, k -> new Acc()).add(a, d);
            }
        }
        List<Access> out = new ArrayList<>();
        byResource.forEach((k, acc) -> out.add(acc.entry(k.substring(0, k.indexOf('\u0000')),
                k.substring(k.indexOf('\u0000') + 1), List.of(), List.of())));
        out.sort((a, b) -> a.type().equals(b.type()) ? a.principal().compareTo(b.principal()) : a.type().compareTo(b.type()));
        return out;
    }

    private List<String> patternActions(Principal p, String pattern, String service, dev.gatehouse.policy.ActionCatalog catalog) {
        Set<String> out = new TreeSet<>();
        for (Policy pol : p.policies()) {
            for (Statement s : pol.statements()) {
                if (s.effect() != Effect.ALLOW || !s.resources().contains(pattern)) {
                    continue;
                }
                for (String svc : catalog.services()) {
                    if (service != null && !svc.equals(service.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    if (!s.notAction() && s.actions().stream().noneMatch(a -> a.equals("*") || a.startsWith(svc + ":"))) {
                        continue;
                    }
                    for (String a : catalog.actionsOf(svc, java.util.EnumSet.allOf(dev.gatehouse.policy.ActionCatalog.Access.class))) {
                        if (s.coversAction(a.toLowerCase(Locale.ROOT))) {
                            out.add(a);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private Request patternRequest(Principal p, String action, String pattern, String account) {
        return requests.requestOnPattern(p, action, pattern, account);
    }
}
