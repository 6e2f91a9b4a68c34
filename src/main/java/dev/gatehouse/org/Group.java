package dev.gatehouse.org;

import dev.gatehouse.policy.Policy;
import java.util.List;

/** An IAM group of the facts: its ARN, account, name and its own policies (inline and attached). */
public record Group(String arn, String account, String name, List<Policy> policies) {
    public Group {
        policies = List.copyOf(policies);
    }
}
