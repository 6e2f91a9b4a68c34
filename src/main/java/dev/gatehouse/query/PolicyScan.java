package dev.gatehouse.query;

import dev.gatehouse.engine.Matching;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.Position;
import dev.gatehouse.load.Callers;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PrincipalSpec;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Variables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What policies could grant, conditions aside: the scans Java uses to choose which requests to ask (the
 * rule base decides each one).
 */
final class PolicyScan {
    private PolicyScan() {
    }


    /** Callers outside the facts that a resource policy names: other accounts, their principals, services, the public. */
    static List<Caller> outsiders(Facts facts, Policy rp) {
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
    static boolean names(Policy rp, Caller c, String actionLower) {
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
                if (s.effect() == Effect.ALLOW && s.coversAction(actionLower) && mayCover(s, resource)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the statement's Resource (or NotResource) could take in the resource, conditions aside; a resource
     * that is a pattern is taken in when the statement covers some of what it matches (engine.Matching).
     */
    static boolean mayCover(Statement s, String resource) {
        if (dev.gatehouse.policy.Glob.isPattern(resource)) {
            boolean some = false;
            boolean all = false;
            for (String pattern : s.resources()) {
                dev.gatehouse.policy.Tri t = Variables.hasVariable(pattern) ? dev.gatehouse.policy.Tri.UNKNOWN
                        : dev.gatehouse.policy.Arn.patternMeets(pattern, resource);
                some |= t != dev.gatehouse.policy.Tri.FALSE;
                all |= t == dev.gatehouse.policy.Tri.TRUE;
            }
            return s.notResource() ? !all : some;
        }
        boolean listed = false;
        for (String pattern : s.resources()) {
            if (pattern.equals("*") || Variables.hasVariable(pattern) || dev.gatehouse.policy.Arn.matchesPattern(pattern, resource)) {
                listed = true;
                break;
            }
        }
        return listed != s.notResource() || (s.notResource() && s.resources().stream().anyMatch(Variables::hasVariable));
    }

    /**
     * Which of the actions each Allow statement of the policy covers (an empty set for a Deny, and for an Allow
     * of none of them), by statement: matched once per policy and list of actions, then {@link #mayAllow(Coverage,
     * String)} asks only the resource of each statement that covers some.
     */
    static Coverage coverage(Policy policy, List<String> actionsLower) {
        List<Statement> covering = new ArrayList<>();
        List<java.util.BitSet> actions = new ArrayList<>();
        for (Statement s : policy.statements()) {
            if (s.effect() != Effect.ALLOW) {
                continue;
            }
            java.util.BitSet b = new java.util.BitSet();
            for (int i = 0; i < actionsLower.size(); i++) {
                if (s.coversAction(actionsLower.get(i))) {
                    b.set(i);
                }
            }
            if (!b.isEmpty()) {
                covering.add(s);
                actions.add(b);
            }
        }
        return new Coverage(List.copyOf(covering), List.copyOf(actions));
    }

    /** The Allow statements of a policy that cover some of a list of actions, with the actions (by index) each covers. */
    record Coverage(List<Statement> statements, List<java.util.BitSet> actions) {
    }

    /**
     * The actions of the list (by index) that some Allow statement of the coverage could grant on the resource,
     * conditions aside: for each action, what {@link #mayAllow(List, String, String)} says of the policy.
     */
    static java.util.BitSet mayAllow(Coverage coverage, String resource) {
        java.util.BitSet out = new java.util.BitSet();
        for (int k = 0; k < coverage.statements().size(); k++) {
            if (mayCover(coverage.statements().get(k), resource)) {
                out.or(coverage.actions().get(k));
            }
        }
        return out;
    }
}
