package dev.gatehouse.query;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.Matching;
import dev.gatehouse.facts.AssumeOutcome;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.Position;
import dev.gatehouse.facts.Request;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who can: every principal that can perform any of the actions on a resource — principals of the facts,
 * directly or through roles they can assume, and the callers outside the facts the resource policy names.
 * Java chooses the requests (one per class of principals, none that no statement could grant); the rule
 * base decides them.
 */
final class WhoCan {
    private final Facts facts;
    private final OrgRequests requests;
    private final PrincipalClasses principalClasses;
    private final RoleGraph roles;
    private final Evaluator evaluator;
    private final ActionClasses actionClasses;

    WhoCan(Facts facts, OrgRequests requests, PrincipalClasses classes, RoleGraph roles, Evaluator evaluator,
           ActionClasses actionClasses) {
        this.actionClasses = actionClasses;
        this.facts = facts;
        this.requests = requests;
        this.principalClasses = classes;
        this.roles = roles;
        this.evaluator = evaluator;
    }

    private final Map<String, Caller> callers = new java.util.concurrent.ConcurrentHashMap<>();

    private Caller caller(Principal p) {
        return callers.computeIfAbsent(p.arn(), k -> OrgRequests.caller(p));
    }

    /** Each policy's coverage of each list of actions asked (the report asks the same lists of every bucket). */
    private final Map<List<String>, Map<String, PolicyScan.Coverage>> coverages = new java.util.concurrent.ConcurrentHashMap<>();

    private PolicyScan.Coverage coverage(Policy pol, List<String> actionsLower) {
        return coverages.computeIfAbsent(actionsLower, k -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(pol.id(), k -> PolicyScan.coverage(pol, actionsLower));
    }

    // ---------------------------------------------------------------- who can

    /** Every principal that can perform any of the actions on the resource, directly or through roles it can assume. */
    List<Access> whoCan(String resource, List<String> actions, boolean throughRoles) {
        String owner = requests.resourceAccount(resource);
        List<String> acts = actions.stream().distinct().toList();
        Resource res = requests.resource(resource);
        Policy rp = res == null ? null : res.policy();
        List<Request> asks = new ArrayList<>();
        List<String> askedBy = new ArrayList<>();
        Map<String, String> typeOf = new HashMap<>();
        // principals that no policy can tell apart get the same answers: ask one of each class
        Map<String, List<Principal>> classes = new LinkedHashMap<>();
        boolean rpSensitive = principalClasses.sensitive(rp);
        Set<String> specific = principalClasses.namedSpecifically(rp);
        boolean rpTags = principalClasses.readsTags(rp);
        for (Principal p : facts.principals().values()) {
            classes.computeIfAbsent(principalClasses.classKey(p, rpSensitive, specific, rpTags), k -> new ArrayList<>()).add(p);
            typeOf.put(p.arn(), PrincipalTypes.of(p));
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
                    ask.or(policyBits.computeIfAbsent(pol.id(), k -> PolicyScan.mayAllow(coverage(pol, lower), resource)));
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
        for (Caller c : PolicyScan.outsiders(facts, rp)) {
            for (String a : acts) {
                if (PolicyScan.names(rp, c, a.toLowerCase(Locale.ROOT))) {
                    asks.add(requests.external(c, a, resource));
                    askedBy.add(c.arn());
                }
            }
            typeOf.put(c.arn(), PrincipalTypes.of(facts, c.arn()));
        }
        List<Decision> ds = decide(asks);
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
            roles.reachability();
            // a backward search from every role with direct access: each principal that reaches one of them gets
            // the nearest, with its path; the rules' reachersOf answer says who reaches which role. First over
            // what is certain (roles Allowed the access, assumptions Allowed), then over the rest, so that a
            // principal with an unconditional way is never shown a conditional one
            Map<String, String> source = new HashMap<>();
            Map<String, AssumeOutcome> next = new HashMap<>();
            List<String> withAccess = byPrincipal.keySet().stream().filter(p -> "role".equals(typeOf.get(p))).sorted().toList();
            for (boolean certain : new boolean[] {true, false}) {
                Deque<String> queue = new ArrayDeque<>();
                for (String r : withAccess) {
                    if (!source.containsKey(r) && (!certain || byPrincipal.get(r).allowed)) {
                        source.put(r, r);
                    }
                }
                source.keySet().stream().sorted().forEach(queue::add);
                while (!queue.isEmpty()) {
                    String t = queue.poll();
                    for (AssumeOutcome o : roles.assumeInto().getOrDefault(t, List.of())) {
                        String src = source.get(t);
                        if ((!certain || o.verdict() == Verdict.ALLOWED) && !source.containsKey(o.from())
                                && roles.reachersOf(src).contains(o.from())) {
                            source.put(o.from(), src);
                            next.put(o.from(), o);
                            queue.add(o.from());
                        }
                    }
                }
            }
            // what each principal gains through roles: the union over every role with access that it reaches
            Map<String, Acc> gained = new HashMap<>();
            for (Map.Entry<String, Acc> e : byPrincipal.entrySet()) {
                if ("role".equals(typeOf.get(e.getKey()))) {
                    for (String from : roles.reachersOf(e.getKey())) {
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
                Access e2 = gained.get(p).entry(p, typeOf.getOrDefault(p, PrincipalTypes.of(facts, p)), via, hopConditions);
                if (direct != null && direct.allowed) {
                    // listed directly already: the entry through roles names only what the roles add
                    List<String> extra = e2.actions().stream().filter(a -> !direct.actions.contains(a)).toList();
                    e2 = new Access(p, e2.type(), e2.decision(), extra, e2.conditions(), e2.via(), e2.grants(), e2.incomplete());
                }
                out.add(e2);
            }
        }
        out.sort((a, b) -> a.via().size() != b.via().size() ? Integer.compare(a.via().size(), b.via().size())
                : a.principal().compareTo(b.principal()));
        return merge(out);
    }

    /** Decides the requests, one of each class of actions the rules cannot tell apart (ActionClasses). */
    private List<Decision> decide(List<Request> asks) {
        int[] rep = actionClasses.representatives(asks);
        List<Request> asked = new ArrayList<>();
        int[] slot = new int[asks.size()];
        for (int i = 0; i < asks.size(); i++) {
            if (rep[i] == i) {
                slot[i] = asked.size();
                asked.add(asks.get(i));
            }
        }
        List<Decision> decided = evaluator.evaluate(asked);
        List<Decision> out = new ArrayList<>(asks.size());
        for (int i = 0; i < asks.size(); i++) {
            out.add(decided.get(slot[rep[i]]));
        }
        return out;
    }

    /** Keeps, per principal, its direct entry and its entry through roles (when the roles add access). */
    private static List<Access> merge(List<Access> sorted) {
        Map<String, Access> out = new LinkedHashMap<>();
        for (Access e : sorted) {
            out.putIfAbsent(e.principal() + (e.via().isEmpty() ? "" : " via"), e);
        }
        return new ArrayList<>(out.values());
    }
}
