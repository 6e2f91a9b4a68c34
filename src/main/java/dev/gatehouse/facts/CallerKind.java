package dev.gatehouse.facts;

/** The kinds of caller a request can come from (semantics.md §1). */
public enum CallerKind {
    USER, ROLE_SESSION, FEDERATED_USER, ROOT, SERVICE, ANONYMOUS;

    /** Callers with an account whose identity-side gates and SCPs can apply. */
    public boolean isAccountPrincipal() {
        return this == USER || this == ROLE_SESSION || this == FEDERATED_USER || this == ROOT;
    }

    /** Callers whose permissions come from identity policies. */
    public boolean isIdentityBased() {
        return this == USER || this == ROLE_SESSION || this == FEDERATED_USER;
    }
}
