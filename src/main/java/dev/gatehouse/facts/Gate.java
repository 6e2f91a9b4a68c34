package dev.gatehouse.facts;

/**
 * The gates a request passes (semantics.md §2). The identity-side gates sit at ranks 1–3 of the
 * principal chain {@code account · [identity] · role · [boundary] · user · [session] · session/*}: a
 * resource policy that names the caller at position p vouches for every gate of rank ≤ p.
 */
public enum Gate {
    SCP("scp", 0, true),
    RCP("rcp", 0, true),
    IDENTITY("identity", 1, false),
    BOUNDARY("boundary", 2, false),
    SESSION("session", 3, false),
    RESOURCE("resource", 0, false);

    private final String word;
    private final int rank;
    private final boolean org;

    Gate(String word, int rank, boolean org) {
        this.word = word;
        this.rank = rank;
        this.org = org;
    }

    public String word() {
        return word;
    }

    /** Position in the principal chain for identity-side gates; 0 for the others. */
    public int getRank() {
        return rank;
    }

    /** SCP and RCP levels: organization gates, each level of which must allow. */
    public boolean isOrg() {
        return org;
    }

    /** Identity, boundary and session gates: the caller's side of the request. */
    public boolean isIdentitySide() {
        return rank > 0;
    }
}
