package dev.gatehouse.policy;

import java.util.List;
import java.util.Locale;

/**
 * One statement of a policy. {@code index} is its position in the policy's Statement list (0-based);
 * {@code sid} may be null. Action patterns are kept in lower case (actions match ignoring case).
 * {@code principal} is null when the statement has neither Principal nor NotPrincipal.
 */
public record Statement(int index, String sid, Effect effect, PrincipalSpec principal, boolean notPrincipal,
                        List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                        List<Condition> conditions) {
    public Statement {
        actions = actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** How a reader names this statement: its Sid, or its index. */
    public String label() {
        return sid != null && !sid.isEmpty() ? sid : "#" + index;
    }

    /**
     * Whether the statement speaks for every action on every resource — what the definition of administrator
     * rests on (semantics.md §6, rules/escalation/30-administrators.drl): an Allow only with {@code Action: "*"}
     * and {@code Resource: "*"} (a NotAction or NotResource Allow leaves something out); a Deny when it covers
     * every action ({@code Action: "*"} or a NotAction). A Deny of some actions does not unmake an administrator.
     */
    public boolean coversEverything() {
        return effect == Effect.ALLOW ? !notAction && !notResource && actions.contains("*") && resources.contains("*")
                : notAction || actions.contains("*");
    }

    /** Whether the Action (or NotAction) element covers the action, given in lower case. */
    public boolean coversAction(String actionLower) {
        boolean listed = false;
        for (String pattern : actions) {
            if (pattern.equals("*") || Glob.match(pattern, actionLower)) {
                listed = true;
                break;
            }
        }
        return listed != notAction;
    }
}
