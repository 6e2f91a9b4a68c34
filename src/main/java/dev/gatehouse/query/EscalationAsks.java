package dev.gatehouse.query;

import dev.gatehouse.api.Decision;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.facts.Ability;
import dev.gatehouse.facts.AssumeOutcome;
import dev.gatehouse.facts.EdgeRequest;
import dev.gatehouse.facts.Node;
import dev.gatehouse.facts.Recipe;
import dev.gatehouse.facts.Request;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Condition;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Variables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The requests of the escalation analysis: for one node of each class (nodes no policy can tell apart ask
 * once), whether it is administrator, and every request an edge rests on (as the rules declare them,
 * EdgeRequest, and the recipes' steps) on each class of targets its statements cannot tell apart, skipping
 * what no Allow could grant. The rule base decides them all.
 */
final class EscalationAsks {
    private final Facts facts;
    private final Questions questions;
    private final OrgRequests requests;
    private final Evaluator evaluator;
    private final EscalationStates states;
    private final Escalations.Catalog catalog;

    EscalationAsks(Facts facts, Questions questions, Evaluator evaluator, EscalationStates states,
                   Escalations.Catalog catalog) {
        this.facts = facts;
        this.questions = questions;
        this.requests = questions.requests();
        this.evaluator = evaluator;
        this.states = states;
        this.catalog = catalog;
    }


    /** Chooses the requests every edge rests on, for one node of each class, and has the rule base decide them. */
    Escalations.Prepared decideAll(Consumer<String> progress) {
        long t0 = System.nanoTime();
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
        for (Node n : states.nodes().values()) {
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
        List<EscalationAsk> asks = new ArrayList<>();
        for (List<String> members : classes.values()) {
            Principal p = states.principal(members.get(0));
            if (couldBeAdmin(p)) {
                asks.add(new EscalationAsk(members, "*", List.of("*"), "", requests.requestOnPattern(p, "*", "*", p.account())));
            }
        }
        List<Decision> adminDecisions = evaluator.evaluate(asks.stream().map(EscalationAsk::request).toList());
        Set<List<String>> certainAdmins = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < asks.size(); i++) {
            if (adminDecisions.get(i).verdict() == Verdict.ALLOWED) {
                certainAdmins.add(asks.get(i).nodes());
            }
        }
        int adminAsks = asks.size();
        // the other questions of each class, chosen in parallel (each class's list is its own)
        List<List<String>> open = classes.values().stream().filter(m -> !certainAdmins.contains(m)).toList();
        List<List<EscalationAsk>> perClass = open.parallelStream().map(members -> {
            List<EscalationAsk> mine = new ArrayList<>();
            Principal p = states.principal(members.get(0));
            List<Policy> standing = states.standing(p);
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
                    mine.add(new EscalationAsk(members, a, List.of(pattern), "", requests.requestOnPattern(p, a, pattern, acct)));
                }
            }
            return mine;
        }).toList();
        perClass.forEach(asks::addAll);
        progress.accept(String.format(Locale.ROOT, "escalation: %d nodes in %d classes, %d requests to decide",
                states.nodes().size(), classes.size(), asks.size()));
        List<Decision> decisions = new ArrayList<>(adminDecisions);
        decisions.addAll(evaluator.evaluate(asks.subList(adminAsks, asks.size()).stream().map(EscalationAsk::request).toList()));
        return new Escalations.Prepared(states, assumes, asks, decisions, System.nanoTime() - t0);
    }

    /** Whether some Allow statement grants every action on every resource: otherwise the node is not administrator. */
    private static boolean couldBeAdmin(Principal p) {
        for (Policy pol : p.policies()) {
            for (Statement st : pol.statements()) {
                if (st.effect() == Effect.ALLOW && st.coversEverything()) {
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
    private void targetAsks(List<EscalationAsk> asks, List<String> members, Principal p, List<Policy> standing, String action,
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
            byClass.values().forEach(ts -> asks.add(new EscalationAsk(members, action, ts, qualifier, requests.assumeUnderOwnTrust(p, ts.get(0)))));
            return;
        }
        byClass.values().forEach(ts -> asks.add(new EscalationAsk(members, action, ts, qualifier,
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
}
