package dev.gatehouse.facts;

/**
 * Who makes a request. {@code arn} is the caller's own ARN (a session ARN for role sessions, the role
 * ARN when asked about a role itself, the service name for service principals, {@code anonymous});
 * {@code roleArn} is the role behind a role session; {@code account} is empty for services and
 * anonymous callers; {@code federatedBy} is the IAM user that created a federated user session
 * (GetFederationToken), when the request says so — its ARN does not.
 */
public record Caller(CallerKind kind, String arn, String account, String roleArn, String roleName,
                     String userName, boolean serviceLinked, String federatedBy) {

    public Caller(CallerKind kind, String arn, String account, String roleArn, String roleName, String userName, boolean serviceLinked) {
        this(kind, arn, account, roleArn, roleName, userName, serviceLinked, null);
    }

    /** This federated user session, created by the IAM user {@code userArn}. */
    public Caller federatedBy(String userArn) {
        return new Caller(kind, arn, account, roleArn, roleName, userName, serviceLinked, userArn);
    }

    public CallerKind getKind() {
        return kind;
    }

    public boolean isServiceLinked() {
        return serviceLinked;
    }
}
