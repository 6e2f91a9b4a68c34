package dev.gatehouse.api;

import java.util.List;

/** One principal's answer: whether it is administrator already, whether it can escalate, and its shortest paths. */
public record EscalationAnswer(String principal, String type, boolean admin, boolean adminConditional, List<String> adminProof,
                     boolean canEscalate, boolean conditional, List<List<EscalationStep>> paths) {
    public EscalationAnswer {
        adminProof = List.copyOf(adminProof);
        paths = paths.stream().map(List::copyOf).toList();
    }
}
