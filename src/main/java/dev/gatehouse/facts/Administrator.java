package dev.gatehouse.facts;

/** The node is allowed every action on every resource (conditionally, if {@code conditional}); {@code proof} indexes the decision. */
public record Administrator(String node, boolean conditional, int proof) {
}
