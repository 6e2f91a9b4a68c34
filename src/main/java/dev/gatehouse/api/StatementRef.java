package dev.gatehouse.api;

import java.util.List;

/**
 * A statement named as a reason: the gate (and org level) it stands at, its policy, its index in the
 * policy's Statement list (0-based) and Sid, and for conditional reasons the conditions left open.
 */
public record StatementRef(String gate, String level, String policy, int statement, String sid,
                           List<String> conditions) {
    public StatementRef {
        conditions = List.copyOf(conditions);
    }


    /** {@code identity policy S3Read statement #0 (Sid ReadAll)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(gate);
        if (level != null) {
            sb.append(" level ").append(level);
        }
        sb.append(" policy ").append(policy).append(" statement ").append(statement);
        if (sid != null && !sid.isEmpty()) {
            sb.append(" (Sid ").append(sid).append(')');
        }
        if (!conditions.isEmpty()) {
            sb.append(" if ").append(String.join(" and ", conditions));
        }
        return sb.toString();
    }
}
