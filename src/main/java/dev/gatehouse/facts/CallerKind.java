package dev.gatehouse.facts;

/** The kinds of caller a request can come from (semantics.md §1). */
public enum CallerKind {
    USER, ROLE_SESSION, FEDERATED_USER, ROOT, SERVICE, ANONYMOUS,
    /**
     * A user of an identity provider — OIDC, SAML or Cognito — asking to become a role
     * (sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML): it has no policies of its own; the trust
     * policy naming its provider, and its conditions on the provider's keys, decide.
     */
    WEB_IDENTITY;

    /** Callers with an account whose identity-side gates and SCPs can apply. */
    public boolean isAccountPrincipal() {
        return this == USER || this == ROLE_SESSION || this == FEDERATED_USER || this == ROOT;
    }

    /** Callers whose permissions come from identity policies. */
    public boolean isIdentityBased() {
        return this == USER || this == ROLE_SESSION || this == FEDERATED_USER;
    }
}
