package dev.gatehouse.facts;

import dev.gatehouse.policy.Effect;
import java.util.List;

/**
 * A statement of a policy in force that matches the request: its action, resource, principal (for
 * resource-based policies, naming the caller at {@code position}) and conditions hold — with certainty,
 * or possibly when it rests on the unknown conditions listed in {@code residual}.
 */
public record StatementMatch(int req, Gate gate, int level, String levelName, String policyId, String policyName,
                             int statement, String sid, Effect effect, int position, Certainty certainty,
                             List<String> residual) {
    public StatementMatch {
        residual = List.copyOf(residual);
    }
}
