package dev.gatehouse.facts;

import dev.gatehouse.policy.Policy;
import java.util.List;

/** One level of an organization (root, an OU, the account) with the SCPs or RCPs attached there. */
public record OrgLevel(int index, String name, List<Policy> policies) {
    public OrgLevel {
        policies = List.copyOf(policies);
    }
}
