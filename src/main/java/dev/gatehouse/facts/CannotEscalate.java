package dev.gatehouse.facts;

/** A principal with no escalation edge out of it that is not certainly administrator: one a near miss is asked for. */
public record CannotEscalate(String node) {
}
