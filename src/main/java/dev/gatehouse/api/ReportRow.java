package dev.gatehouse.api;

import java.util.List;

/**
 * One line: who has which kind of access to which resource, how, under which conditions, and the statements
 * that grant it ({@code grants}, in words, as {@link Access#grants()}); and, when it rests on a policy that could
 * not be read, why it is {@code incomplete} (null when it rests only on what was read).
 */
public record ReportRow(String resource, String access, String principal, String type, Verdict decision,
                        List<String> actions, List<String> via, List<String> conditions, String incomplete, List<String> grants) {
    public ReportRow {
        actions = List.copyOf(actions);
        via = List.copyOf(via);
        conditions = List.copyOf(conditions);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** A row without its statements. */
    public ReportRow(String resource, String access, String principal, String type, Verdict decision,
                     List<String> actions, List<String> via, List<String> conditions, String incomplete) {
        this(resource, access, principal, type, decision, actions, via, conditions, incomplete, List.of());
    }
}
