package dev.gatehouse.api;

import java.util.List;

/**
 * One answer line of who-can or what-can: a principal (or resource), whether access is {@link Verdict#ALLOWED}
 * or {@link Verdict#CONDITIONAL}, the actions, the open conditions (allows that need them, denies that would
 * apply: "unless …"), the path of role assumptions it reaches the access through ({@code via}, empty
 * when direct), and the statements that grant it.
 */
public record Access(String principal, String type, Verdict decision, List<String> actions,
                          List<String> conditions, List<String> via, List<String> grants) {
    public Access {
        actions = List.copyOf(actions);
        conditions = List.copyOf(conditions);
        via = List.copyOf(via);
        grants = List.copyOf(grants);
    }
}
