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


    /**
     * In words: {@code identity policy S3Read statement 0 (Sid ReadAll)}, {@code scp level ou-prod policy
     * DenyRegions statement 1}; a policy the facts name by a phrase reads as it is named, {@code bucket policy
     * of acme-prod-data, statement 1 (Sid PartnerRead)}; open conditions follow as {@code if …}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (policy.contains(" ")) {
            // a phrase: "bucket policy of acme-prod-data", "the policies of account 999999999999 (outside the facts)"
            sb.append(policy);
            if (statement >= 0) {
                sb.append(", statement ").append(statement);
            }
        } else {
            sb.append(gate);
            if (level != null) {
                sb.append(" level ").append(level);
            }
            sb.append(" policy ").append(policy).append(" statement ").append(statement);
        }
        if (sid != null && !sid.isEmpty()) {
            sb.append(" (Sid ").append(sid).append(')');
        }
        if (!conditions.isEmpty()) {
            sb.append(" if ").append(String.join(" and ", conditions));
        }
        return sb.toString();
    }

    /**
     * Statements in words, as {@link #describe()} gives them, but the SCPs and RCPs that merely allow
     * everything (AWS's FullAWSAccess and RCPFullAWSAccess, unconditioned) summarised in one line per gate:
     * {@code scp FullAWSAccess at r-acme, ou-prod, 111111111111}.
     */
    public static List<String> describeAll(java.util.Collection<StatementRef> refs) {
        java.util.Map<String, java.util.LinkedHashSet<String>> fullAccess = new java.util.LinkedHashMap<>();
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (StatementRef r : refs) {
            if (r.level != null && r.conditions.isEmpty()
                    && (r.policy.equals("FullAWSAccess") || r.policy.equals("RCPFullAWSAccess"))) {
                String key = r.gate + " " + r.policy;
                if (!fullAccess.containsKey(key)) {
                    out.add(key);
                }
                fullAccess.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(r.level);
            } else {
                out.add(r.describe());
            }
        }
        return out.stream().map(line -> fullAccess.containsKey(line)
                ? line + " at " + String.join(", ", fullAccess.get(line)) : line).toList();
    }
}
