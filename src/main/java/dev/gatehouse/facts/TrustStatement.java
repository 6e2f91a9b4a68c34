package dev.gatehouse.facts;

/**
 * An Allow statement of a role's trust policy that names principals of {@code principalAccount}, and whether it has
 * a condition (an {@code sts:ExternalId}, an {@code aws:PrincipalOrgID}, MFA, …).
 */
public record TrustStatement(String role, String roleAccount, String policy, int statement, String sid, String principalAccount,
                             boolean conditioned) {
}
