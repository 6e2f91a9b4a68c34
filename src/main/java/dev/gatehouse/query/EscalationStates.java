package dev.gatehouse.query;

import dev.gatehouse.facts.Node;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Group;
import dev.gatehouse.org.ManagedPolicy;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;
import dev.gatehouse.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of the escalation graph: each principal, and each state a principal can put itself in, evaluated
 * like a principal (so a boundary, a Deny or an SCP limits what a change gains).
 */
final class EscalationStates {
    private final Facts facts;

    private static final Policy ANY_POLICY = PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "builtin"), PolicyKind.IDENTITY,
            "gatehouse:any-policy", "a policy of its choosing", "builtin", "").orThrow();

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

    private static boolean mayAllowAny(List<Policy> policies, List<String> actionsLower, String resource) {
        return actionsLower.stream().anyMatch(a -> PolicyScan.mayAllow(policies, a, resource));
    }

    /**
     * Every principal, and every state it can put itself in: with a policy of its choosing, with a managed
     * policy switched to another stored version (when {@code switching} actions may allow it), in one more
     * group (when {@code joining} actions may allow it).
     */
    EscalationStates(Facts facts, List<String> switching, List<String> joining) {
        this.facts = facts;
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

    /** The policies whose statements bear on a node's requests: its own, its boundary, the SCPs of its account. */
    List<Policy> standing(Principal p) {
        List<Policy> out = new ArrayList<>(p.policies());
        if (p.boundary() != null) {
            out.add(p.boundary());
        }
        if (facts.organization() != null) {
            facts.organization().scpLevels(p.account()).forEach(l -> out.addAll(l.policies()));
        }
        return out;
    }

    /** The nodes by id, in the order the principals were loaded. */
    Map<String, Node> nodes() {
        return nodes;
    }

    /** A node as a principal: its policies as they would be in that state. */
    Principal principal(String nodeId) {
        return asPrincipal.get(nodeId);
    }

    /** A group by account and name, as a user's GroupList names it. */
    Group group(String account, String name) {
        return groupByName.get(account + "|" + name);
    }
}
