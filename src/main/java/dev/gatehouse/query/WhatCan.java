package dev.gatehouse.query;

import dev.gatehouse.api.AssumePath;
import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.Request;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What can: the actions a principal can perform, on every resource of the facts its policies (or the
 * resource's policy) could grant, and on the resource patterns its own statements name — by itself, and
 * as each role it can become through role assumption ({@code via}), as who-can counts them.
 */
final class WhatCan {
    private final Facts facts;
    private final OrgRequests requests;
    private final RoleGraph roles;
    private final Evaluator evaluator;

    WhatCan(Facts facts, OrgRequests requests, RoleGraph roles, Evaluator evaluator) {
        this.facts = facts;
        this.requests = requests;
        this.roles = roles;
        this.evaluator = evaluator;
    }

    /**
     * What the principal can do itself, then what it can do as each role it can become: the role's own
     * answers with the path ({@code via}) and the conditions of each hop ({@code assuming R if …}).
     */
    List<Access> whatCan(String principal, String service, String resourcePattern, dev.gatehouse.policy.ActionCatalog catalog) {
        List<Access> out = new ArrayList<>(direct(principal, service, resourcePattern, catalog));
        List<AssumePath> reached = new ArrayList<>();
        for (Principal r : facts.principals().values()) {
            if (r.kind() == Principal.Kind.ROLE && !r.arn().equals(principal) && roles.reachersOf(r.arn()).contains(principal)) {
                // what it can do as a role whose policies could not all be read is unknown: refused, never left out
                facts.requireComplete(r.arn(), "what " + principal + " can do (it can become that role)");
                reached.addAll(roles.canReach(principal, r.arn()));
            }
        }
        reached.sort(java.util.Comparator.comparing((AssumePath p) -> p.path().size()).thenComparing(p -> p.path().get(p.path().size() - 1)));
        for (AssumePath path : reached) {
            String role = path.path().get(path.path().size() - 1);
            List<String> hopConditions = new ArrayList<>();
            path.hops().forEach(h -> h.conditions().forEach(c -> hopConditions.add("assuming " + h.to() + " " + c)));
            for (Access a : direct(role, service, resourcePattern, catalog)) {
                List<String> cond = new ArrayList<>(a.conditions());
                cond.addAll(hopConditions);
                out.add(new Access(a.principal(), a.type(), Verdict.granted(a.decision() == Verdict.CONDITIONAL || path.conditional()),
                        a.actions(), cond, path.path().subList(1, path.path().size()), a.grants()));
            }
        }
        return out;
    }


    // ---------------------------------------------------------------- what can

    /**
     * The actions a principal can perform: on every resource of the facts its policies (or the resource's
     * policy) could grant, and on the resource patterns its own statements name.
     */
    private List<Access> direct(String principal, String service, String resourcePattern,
                                dev.gatehouse.policy.ActionCatalog catalog) {
        Principal p = facts.principals().get(principal);
        if (p == null) {
            throw facts.notInFacts("principal", principal, "");
        }
        facts.requireComplete(principal, "what it can do");
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
                if (PolicyScan.mayAllow(p.policies(), al, target) || PolicyScan.names(rp, c, al)) {
                    asks.add(pattern ? patternRequest(p, a, target, acct) : requests.request(p, a, target));
                }
            }
        }
        List<Decision> ds = evaluator.evaluate(asks);
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
