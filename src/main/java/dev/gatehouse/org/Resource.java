package dev.gatehouse.org;

import dev.gatehouse.policy.Policy;
import java.util.Map;

/** A resource of the facts: its ARN, owning account, resource-based policy (or null) and tags. */
public record Resource(String arn, String account, Policy policy, Map<String, String> tags) {
    public Resource {
        tags = Map.copyOf(tags);
    }
}
