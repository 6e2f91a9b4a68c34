package dev.gatehouse.load;

import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.policy.Arn;

/** Reads a principal (an ARN, a service principal name, or {@code anonymous}) into a {@link Caller}. */
public final class Callers {
    /**
     * Stands for any principal of any AWS account: who a trust policy naming {@code "*"} (or {@code {"AWS": "*"}})
     * lets assume the role — any authenticated caller, whatever its account (IAM User Guide, "AWS JSON policy
     * elements: Principal"). Some account's own policies allow it (the caller's own account is the caller's to
     * configure), so it asks like an account: only the role's trust and its conditions decide; its principal
     * keys (account, org, ARN, tags) are unknown.
     */
    public static final String ANY_PRINCIPAL = "arn:aws:iam::*:*";

    private Callers() {
    }

    /**
     * A user of an identity provider a trust policy names in {@code Federated}: an OIDC or SAML provider ARN
     * ({@code arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com}) or a provider's name
     * ({@code cognito-identity.amazonaws.com}, {@code accounts.google.com}).
     */
    public static Caller webIdentity(String provider) {
        return new Caller(CallerKind.WEB_IDENTITY, provider, "", null, null, null, false);
    }

    /** The action by which a provider's users become a role: sts:AssumeRoleWithSAML for a SAML provider, else ...WithWebIdentity. */
    public static String federatedAction(String provider) {
        return provider.contains(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
    }

    /** The caller that stands for any principal of any AWS account ({@link #ANY_PRINCIPAL}). */
    public static Caller anyPrincipal() {
        return new Caller(CallerKind.ROOT, ANY_PRINCIPAL, "*", null, null, null, false);
    }

    /**
     * @param principal    the principal as a request names it
     * @param principalArn the aws:PrincipalArn the request's context gives, or null: for a role session it
     *                     names the role with its path
     * @return the caller, or null when the text names no principal Gatehouse knows
     */
    public static Caller parse(String principal, String principalArn) {
        if (principal == null || principal.isBlank()) {
            return null;
        }
        if (principal.equals("anonymous") || principal.equals("*")) {
            return new Caller(CallerKind.ANONYMOUS, "anonymous", "", null, null, null, false);
        }
        Arn a = Arn.parse(principal).orElse(null);
        if (a == null) {
            if (principal.matches("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?")) {
                return new Caller(CallerKind.SERVICE, principal, "", null, null, null, false);
            }
            return null;
        }
        String acct = a.account();
        if (!acct.matches("\\d{12}")) {
            return null;
        }
        String res = a.resource();
        if (a.service().equals("iam")) {
            if (res.equals("root")) {
                return new Caller(CallerKind.ROOT, principal, acct, null, null, null, false);
            }
            if (res.startsWith("user/")) {
                return new Caller(CallerKind.USER, principal, acct, null, null, a.resourceName(), false);
            }
            if (res.startsWith("role/")) {
                return new Caller(CallerKind.ROLE_SESSION, principal, acct, principal, a.resourceName(), null,
                        Arn.isServiceLinkedRole(principal));
            }
            return null;
        }
        if (a.service().equals("sts")) {
            if (res.startsWith("assumed-role/")) {
                String[] parts = res.split("/", 3);
                if (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
                    return null;
                }
                String roleName = parts[1];
                String roleArn = "arn:" + a.partition() + ":iam::" + acct + ":role/" + roleName;
                if (principalArn != null) {
                    Arn pa = Arn.parse(principalArn).orElse(null);
                    if (pa != null && pa.resource().startsWith("role/") && pa.resourceName().equals(roleName)) {
                        roleArn = principalArn;
                    }
                }
                return new Caller(CallerKind.ROLE_SESSION, principal, acct, roleArn, roleName, null, Arn.isServiceLinkedRole(roleArn));
            }
            if (res.startsWith("federated-user/")) {
                return new Caller(CallerKind.FEDERATED_USER, principal, acct, null, null, a.resourceName(), false);
            }
        }
        return null;
    }

    /** The aws:PrincipalArn of a caller: a role session's is its role's ARN. */
    public static String principalArn(Caller c) {
        return switch (c.kind()) {
            case ROLE_SESSION -> c.roleArn();
            case SERVICE, ANONYMOUS, WEB_IDENTITY -> null;
            default -> c.arn();
        };
    }

    /** The aws:PrincipalType of a caller. */
    public static String principalType(Caller c) {
        return switch (c.kind()) {
            case USER -> "User";
            case ROLE_SESSION -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            case ROOT -> "Account";
            case SERVICE -> "Service";
            case ANONYMOUS -> "Anonymous";
            case WEB_IDENTITY -> "WebIdentity";
        };
    }
}
