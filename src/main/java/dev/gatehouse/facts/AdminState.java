package dev.gatehouse.facts;

import java.util.List;

/** A principal's escalation answer as the findings rules see it (see EscalationAnswer). */
public record AdminState(String principal, String type, boolean admin, boolean adminConditional, boolean canEscalate,
                         boolean conditional, List<String> proof) {
    public AdminState {
        proof = List.copyOf(proof);
    }
}
