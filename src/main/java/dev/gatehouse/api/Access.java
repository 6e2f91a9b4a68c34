package dev.gatehouse.api;

import java.util.List;

/**
 * One answer line of who-can or what-can: a principal (or resource), whether access is {@link Verdict#ALLOWED}
 * or {@link Verdict#CONDITIONAL}, the actions, the open conditions (allows that need them, denies that would
 * apply: "unless …"), the path of role assumptions it reaches the access through ({@code via}, empty
 * when direct), the statements that grant it, and — when the line rests on a policy that could not be read
 * (of the principal, a role on its path, the resource or its account) — why it is {@code incomplete}: the
 * access may be more, or less, than the line says. Null when everything it rests on was read.
 */
public record Access(String principal, String type, Verdict decision, List<String> actions,
                     List<String> conditions, List<String> via, List<String> grants, String incomplete) {
    public Access {
        actions = List.copyOf(actions);
        conditions = List.copyOf(conditions);
        via = List.copyOf(via);
        grants = List.copyOf(grants);
    }

    /** A line that rests only on what was read. */
    public Access(String principal, String type, Verdict decision, List<String> actions,
                  List<String> conditions, List<String> via, List<String> grants) {
        this(principal, type, decision, actions, conditions, via, grants, null);
    }

    /** This line marked as resting on what could not be read, and why. */
    public Access incomplete(String why) {
        return new Access(principal, type, decision, actions, conditions, via, grants, why);
    }
}
