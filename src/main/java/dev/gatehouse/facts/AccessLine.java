package dev.gatehouse.facts;

import dev.gatehouse.api.Verdict;
import java.util.List;

/**
 * One line of the report as the findings rules see it: who ({@code principal}, of {@code type}, of
 * {@code principalAccount} or null when it belongs to no account: the public, a service, an identity provider) has
 * which {@code access} (read, write, permissions, assume) to {@code resource} of {@code resourceAccount}, directly or
 * through the roles of {@code via}, with the conditions left open and the statements that grant it; {@code policy} is
 * the id of the resource's own policy (its resource policy, or a role's trust policy), or null when it has none.
 */
public record AccessLine(String resource, String resourceAccount, String access, String principal, String type,
                         String principalAccount, Verdict decision, List<String> via, List<String> conditions, List<String> grants,
                         String policy) {
    public AccessLine {
        via = List.copyOf(via);
        conditions = List.copyOf(conditions);
        grants = List.copyOf(grants);
    }

    public boolean direct() {
        return via.isEmpty();
    }
}
