package dev.gatehouse.engine;

import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;

/**
 * Stands in for an SCP or RCP that could not be read: dropping it would make its Denies ineffective, so
 * in its place stands a Deny of everything on a condition no request settles. Every answer it bears on is
 * then Conditional, and that condition reads in words: <em>unless SCP DenyRegions, which could not be
 * read, denies it</em>.
 */
public final class UnreadablePolicy {
    /** The key of the synthetic condition; it never reaches a user. */
    static final String KEY = "gatehouse:UnreadablePolicyDenies";
    /** The policy id prefix of the stand-ins. */
    static final String POLICY_ID = "unreadable:";

    private UnreadablePolicy() {
    }

    /** The stand-in for the organization policy {@code name} of this kind (SCP or RCP). */
    public static Policy standIn(PolicyKind kind, String id, String name) {
        String principal = kind == PolicyKind.RCP ? "\"Principal\":\"*\"," : "";
        return PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\"," + principal
                + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"" + KEY + "\":\"true\"}}}]}", "builtin"),
                kind, POLICY_ID + id, name + " (could not be read)", "builtin", "").orThrow();
    }

    /** The condition of the stand-in's Deny, in words. */
    static String condition(String gate, String policyName) {
        String name = policyName.replace(" (could not be read)", "");
        return (name.contains(" ") ? name : gate.toUpperCase(java.util.Locale.ROOT) + " " + name) + ", which could not be read, denies it";
    }
}
