package dev.gatehouse.org;

import dev.gatehouse.policy.Policy;
import java.util.Map;

/**
 * A customer-managed policy of the facts with every stored version: {@code versions} maps a version id
 * ({@code v1}, …) to its document; {@code defaultVersion} names the one in force.
 */
public record ManagedPolicy(String arn, String account, String name, String defaultVersion, Map<String, Policy> versions) {
    public ManagedPolicy {
        versions = Map.copyOf(versions);
    }

    /** Whether a version other than the default is stored: the precondition of iam:SetDefaultPolicyVersion. */
    public boolean hasOtherVersions() {
        return versions.size() > 1;
    }
}
