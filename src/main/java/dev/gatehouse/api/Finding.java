package dev.gatehouse.api;

import java.util.List;

/**
 * A finding of the facts: its kind ({@link FindingType}: code, title, severity), what it is about ({@code subject}: a
 * resource, a role, a principal, what was not read), the principal that has the access (null when none), whether it
 * holds outright ({@link Verdict#ALLOWED}) or only under the open {@code conditions}, a line of detail ({@code read
 * from outside organization o-…}), its proof (the statements that grant it, the escalation path) and where in the
 * facts the statement or element responsible was read ({@code location}: null when the facts do not say).
 */
public record Finding(FindingType type, String subject, String principal, Verdict decision, String detail, List<String> conditions,
                      List<String> proof, Location location) {
    public Finding {
        conditions = List.copyOf(conditions);
        proof = List.copyOf(proof);
    }

    /** A file of the facts and the JSON pointer of an element in it ({@code ""} for the whole file). */
    public record Location(String file, String pointer) {
    }

    /** What identifies the finding across runs: its code, subject, principal and detail (not its proof). */
    public String key() {
        return type.code() + " " + subject + " " + (principal == null ? "" : principal) + " " + detail;
    }
}
