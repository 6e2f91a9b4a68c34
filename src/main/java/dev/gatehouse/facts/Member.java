package dev.gatehouse.facts;

/**
 * Principal {@code principal} belongs to the {@code component} of the role-assumption graph: the principals
 * that can become one another (a strongly connected set of the {@link CanBecome} graph), named by one of them.
 * A principal that no cycle joins to another is a component of its own.
 */
public record Member(String principal, String component) {
}
