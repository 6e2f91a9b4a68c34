package dev.gatehouse.org;

import dev.gatehouse.policy.Policy;
import java.util.List;
import java.util.Map;

/**
 * An IAM user or role of the facts, with everything that bears on its requests: its identity policies
 * (inline, attached, and those of its groups), its permissions boundary (or null), its tags, and for a
 * role its trust policy.
 */
public record Principal(String arn, Kind kind, String account, String name, Map<String, String> tags,
                        List<Policy> policies, Policy boundary, List<String> groups, Policy trust) {
    public enum Kind { USER, ROLE }

    public Principal {
        tags = Map.copyOf(tags);
        policies = List.copyOf(policies);
        groups = List.copyOf(groups);
    }
}
