package dev.gatehouse.facts;

/**
 * A principal in a state it can reach (a node of the escalation graph): the principal as loaded
 * ({@code PRINCIPAL}, id = its ARN), or the same principal after it changed its own permissions — with
 * a policy of its choosing ({@code ANY_POLICY}), with a managed policy switched to another stored version
 * ({@code POLICY_VERSION}, subject = the policy ARN), or as a member of one more group ({@code GROUP},
 * subject = the group ARN). {@code label} is what a reader sees.
 */
public record Node(String id, String arn, String account, Kind kind, String subject, String label) {
    public enum Kind { PRINCIPAL, ANY_POLICY, POLICY_VERSION, GROUP }

    public boolean isUser() {
        return arn.contains(":user/");
    }

    /** A service-linked role ({@code /aws-service-role/}): only its service acts as it. */
    public boolean isServiceLinkedRole() {
        return dev.gatehouse.policy.Arn.isServiceLinkedRole(arn);
    }

    /**
     * A role IAM will not let anyone change or pass: a service-linked role ({@code /aws-service-role/}) or a
     * role IAM Identity Center created ({@code /aws-reserved/sso.amazonaws.com/}).
     */
    public boolean isProtectedRole() {
        return dev.gatehouse.policy.Arn.isProtectedRole(arn);
    }
}
