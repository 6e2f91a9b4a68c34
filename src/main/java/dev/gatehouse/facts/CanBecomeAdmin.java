package dev.gatehouse.facts;

/** The node is, or can escalate to, an administrator; CERTAIN when no step or answer on the way is conditional. */
public record CanBecomeAdmin(String node, Certainty certainty) {
}
