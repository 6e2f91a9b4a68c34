package dev.gatehouse.engine;

/**
 * The identity side of a caller outside the facts (another account, or a named principal of one): its own
 * policies are unknown, so organization questions give it one synthetic Allow conditioned on a key no
 * request carries. The answer is then Conditional, and that condition reads in plain words:
 * <em>if account 999999999999 allows it on its side</em>.
 */
public final class ExternalSide {
    /** The key of the synthetic condition; it never reaches a user. */
    public static final String KEY = "gatehouse:ExternalIdentityAllows";
    /** The policy id prefix of the synthetic policies, one per account. */
    static final String POLICY_ID = "external-identity:";

    private ExternalSide() {
    }

    /** The id of the synthetic policy that stands for an account's own policies. */
    public static String policyId(String account) {
        return POLICY_ID + account;
    }

    /** How the synthetic policy is named in a grant. */
    public static String policyName(String account) {
        return account.equals("*") ? "the policies of the caller's account (outside the facts)"
                : "the policies of account " + account + " (outside the facts)";
    }

    /** The condition of a statement of that policy, in plain words. */
    static String condition(String account) {
        return account.equals("*") ? "the caller's own account allows it on its side" : "account " + account + " allows it on its side";
    }
}
