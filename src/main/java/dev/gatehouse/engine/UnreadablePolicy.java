package dev.gatehouse.engine;

import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;

/**
 * Stands in for a policy that could not be read. Dropping it would do one of two wrongs: make its Denies
 * ineffective (fail open), or lose the access its Allows grant (a false "denied"). In its place stands a
 * Deny of everything and, where the kind can allow, an Allow of everything, each on a condition no request
 * settles. Every answer it bears on is then Conditional, and the condition reads in words:
 * <em>unless SCP DenyRegions, which could not be read, denies it</em>, <em>if managed policy …, which could
 * not be read, allows it</em>. A resource control policy allows nothing, so it stands as a Deny alone.
 */
public final class UnreadablePolicy {
    /** The key of the synthetic condition on the stand-in's Deny; it never reaches a user. */
    private static final String DENIES = "gatehouse:UnreadablePolicyDenies";
    /** The key of the synthetic condition on the stand-in's Allow. */
    private static final String ALLOWS = "gatehouse:UnreadablePolicyAllows";
    /** The policy id prefix of the stand-ins. */
    static final String POLICY_ID = "unreadable:";

    private UnreadablePolicy() {
    }

    /** The stand-in for the policy {@code name} of this kind that could not be read. */
    public static Policy standIn(PolicyKind kind, String id, String name) {
        String principal = kind.principalRequired() ? "\"Principal\":\"*\"," : "";
        String deny = statement("Deny", principal, DENIES);
        String allow = kind == PolicyKind.RCP ? "" : "," + statement("Allow", principal, ALLOWS);
        return PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + deny + allow + "]}", "builtin"),
                kind, POLICY_ID + id, name + " (could not be read)", "builtin", "").orThrow();
    }

    private static String statement(String effect, String principal, String key) {
        return "{\"Effect\":\"" + effect + "\"," + principal + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\""
                + key + "\":\"true\"}}}";
    }

    /** Whether a policy is a stand-in for one that could not be read. */
    public static boolean isStandIn(Policy p) {
        return p.id().startsWith(POLICY_ID);
    }

    /** The condition of one of the stand-in's statements, in words. */
    static String condition(String gate, String policyName, Effect effect) {
        String name = policyName.replace(" (could not be read)", "");
        return (name.contains(" ") ? name : gate.toUpperCase(java.util.Locale.ROOT) + " " + name) + ", which could not be read, "
                + (effect == Effect.DENY ? "denies it" : "allows it");
    }
}
