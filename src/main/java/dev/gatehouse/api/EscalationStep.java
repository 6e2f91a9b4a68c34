package dev.gatehouse.api;

import java.util.List;

/** One step of a path: from a node to a node by an edge, with the requests that prove it and what else must hold. */
public record EscalationStep(String from, String to, String edge, List<String> proof, List<String> conditions) {
    public EscalationStep {
        proof = List.copyOf(proof);
        conditions = List.copyOf(conditions);
    }
}
