package dev.gatehouse.query;

import dev.gatehouse.facts.OrgLevel;
import dev.gatehouse.facts.PolicySet;
import dev.gatehouse.facts.Request;
import dev.gatehouse.policy.Policy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests the decision rules cannot tell apart but by the name of their action get the same decision:
 * same caller, resource and context, and the same statements covering the action in every policy of the
 * request (identity, boundary, session, resource, each SCP and RCP level), the action of the same service
 * (RCPs, the principal chain read the service) and named by no decision rule ({@link
 * dev.gatehouse.engine.RuleBase#actionsNamed}). Matching reads the action only through which statements cover
 * it (Statement.coversAction), so such requests decide alike; who-can asks one of each class and gives its
 * decision to the others. For the report over an organization this cuts the requests asked several-fold
 * (every read, write and permissions action of a bucket, most of which the same wildcards cover). Actions that
 * differ in which of the policies' service condition keys they can carry (RequestContext: the others are absent)
 * are told apart too.
 */
final class ActionClasses {
    private final Set<String> named;

    ActionClasses(Set<String> named) {
        this.named = Set.copyOf(named);
    }

    /** For each request, the index of the request whose decision it takes (itself when it is asked). */
    int[] representatives(List<Request> asks) {
        int[] rep = new int[asks.size()];
        Map<List<Object>, Integer> first = new HashMap<>();
        Map<Policy, Map<String, BitSet>> covering = new IdentityHashMap<>();
        Map<Policy, List<String>> serviceKeys = new IdentityHashMap<>();
        for (int i = 0; i < asks.size(); i++) {
            Request r = asks.get(i);
            if (named.contains(r.actionLower()) || r.actionLower().equals("*")) {
                rep[i] = i;
                continue;
            }
            List<Object> key = new ArrayList<>();
            key.add(r.caller());
            key.add(r.resource());
            key.add(r.resourceAccount());
            key.add(r.service());
            key.add(r.rcpSupported());
            key.add(r.context());
            PolicySet ps = r.policies();
            for (List<Policy> list : List.of(ps.identity(), ps.boundary(), ps.session())) {
                key.add(list.size());
                list.forEach(p -> key.add(covers(covering, p, r.actionLower())));
            }
            key.add(ps.resource() == null ? "" : covers(covering, ps.resource(), r.actionLower()));
            for (List<OrgLevel> levels : List.of(ps.scpLevels(), ps.rcpLevels())) {
                key.add(levels.size());
                for (OrgLevel l : levels) {
                    key.add(l.policies().size());
                    l.policies().forEach(p -> key.add(covers(covering, p, r.actionLower())));
                }
            }
            List<String> keys = new ArrayList<>();
            forEachPolicy(ps, p -> keys.addAll(serviceKeys.computeIfAbsent(p, ActionClasses::serviceKeys)));
            if (!keys.isEmpty()) {
                BitSet carried = new BitSet();
                for (int k = 0; k < keys.size(); k++) {
                    if (dev.gatehouse.policy.AwsNames.shipped().carries(r.action(), keys.get(k))) {
                        carried.set(k);
                    }
                }
                key.add(carried);
            }
            int self = i;
            rep[i] = first.computeIfAbsent(key, k -> self);
        }
        return rep;
    }

    private static void forEachPolicy(PolicySet ps, java.util.function.Consumer<Policy> each) {
        ps.identity().forEach(each);
        ps.boundary().forEach(each);
        ps.session().forEach(each);
        if (ps.resource() != null) {
            each.accept(ps.resource());
        }
        for (List<OrgLevel> levels : List.of(ps.scpLevels(), ps.rcpLevels())) {
            levels.forEach(l -> l.policies().forEach(each));
        }
    }

    /** The service condition keys (not aws:) the policy's conditions read, in statement order. */
    private static List<String> serviceKeys(Policy p) {
        List<String> out = new ArrayList<>();
        p.statements().forEach(s -> s.conditions().forEach(c -> {
            if (!c.key().regionMatches(true, 0, "aws:", 0, 4)) {
                out.add(c.key());
            }
        }));
        return out;
    }

    private static Object covers(Map<Policy, Map<String, BitSet>> covering, Policy p, String actionLower) {
        BitSet b = covering.computeIfAbsent(p, k -> new HashMap<>()).computeIfAbsent(actionLower, a -> {
            BitSet bits = new BitSet();
            for (int k = 0; k < p.statements().size(); k++) {
                if (p.statements().get(k).coversAction(a)) {
                    bits.set(k);
                }
            }
            return bits;
        });
        // the policy itself is part of the key: two policies whose covering statements share indexes differ
        return List.of(p.id(), b);
    }
}
