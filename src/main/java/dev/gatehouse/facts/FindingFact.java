package dev.gatehouse.facts;

import dev.gatehouse.api.Verdict;
import java.util.List;

/**
 * A finding the rules derive: its code of the catalog (findings.json), what it is about ({@code subject}: a resource,
 * a role, a principal, what was not read), the principal that has the access (or null), the decision (Allowed, or
 * Conditional on {@code conditions}) and the proof (statements, path), and the policy or element it rests on
 * ({@code at}: a policy id, a principal's or resource's ARN, or null).
 */
public record FindingFact(String code, String subject, String principal, Verdict decision, String detail, List<String> conditions,
                          List<String> proof, String at, int statement) {
    public FindingFact {
        conditions = List.copyOf(conditions);
        proof = List.copyOf(proof);
    }
}
