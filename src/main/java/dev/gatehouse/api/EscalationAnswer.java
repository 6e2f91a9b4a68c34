package dev.gatehouse.api;

import java.util.List;

/**
 * One principal's answer: whether it is administrator already, whether it can escalate, its shortest paths, and
 * for one that cannot, its nearest misses — each a request an escalation begins with that a policy allows it,
 * with the statement and why it leads to no administrator (rules/escalation/40-near-misses.drl).
 */
public record EscalationAnswer(String principal, String type, boolean admin, boolean adminConditional, List<String> adminProof,
                     boolean canEscalate, boolean conditional, List<List<EscalationStep>> paths, List<String> nearMisses) {
    public EscalationAnswer {
        adminProof = List.copyOf(adminProof);
        paths = paths.stream().map(List::copyOf).toList();
        nearMisses = List.copyOf(nearMisses);
    }

    public EscalationAnswer(String principal, String type, boolean admin, boolean adminConditional, List<String> adminProof,
                            boolean canEscalate, boolean conditional, List<List<EscalationStep>> paths) {
        this(principal, type, admin, adminConditional, adminProof, canEscalate, conditional, paths, List.of());
    }
}
