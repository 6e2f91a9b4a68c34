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
}
