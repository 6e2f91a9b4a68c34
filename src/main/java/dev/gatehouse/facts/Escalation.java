package dev.gatehouse.facts;

import java.util.List;

/**
 * Node {@code from} can become node {@code to} by {@code edge}; {@code proofs} index the decisions of
 * the requests it needs, {@code note} says what else must hold (or is empty). Conditional when a request
 * was allowed only under open conditions or the edge needs something the facts do not show.
 */
public record Escalation(String from, String to, String edge, boolean conditional, List<Integer> proofs, String note) {
    public Escalation {
        proofs = List.copyOf(proofs);
    }

    /** An edge proved by the given abilities, grants and earlier edges. */
    public static Escalation by(String from, String to, String edge, List<?> abilities, String note) {
        boolean conditional = note != null && !note.isEmpty();
        List<Integer> proofs = new java.util.ArrayList<>();
        for (Object o : abilities) {
            if (o instanceof Ability a) {
                conditional |= a.conditional();
                proofs.add(a.proof());
            } else if (o instanceof CanGrant g) {
                conditional |= g.conditional();
                proofs.addAll(g.proofs());
            } else if (o instanceof Escalation e) {
                conditional |= e.conditional();
                proofs.addAll(e.proofs());
            }
        }
        return new Escalation(from, to, edge, conditional, proofs.stream().distinct().sorted().toList(), note == null ? "" : note);
    }
}
