package dev.gatehouse.facts;

/**
 * Who makes a request. {@code arn} is the caller's own ARN (a session ARN for role sessions, the role
 * ARN when asked about a role itself, the service name for service principals, {@code anonymous});
 * {@code roleArn} is the role behind a role session; {@code account} is empty for services and
 * anonymous callers.
 */
public record Caller(CallerKind kind, String arn, String account, String roleArn, String roleName,
                     String userName, boolean serviceLinked) {

    public CallerKind getKind() {
        return kind;
    }

    public boolean isServiceLinked() {
        return serviceLinked;
    }
}
