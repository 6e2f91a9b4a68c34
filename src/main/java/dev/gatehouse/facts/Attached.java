package dev.gatehouse.facts;

/** The customer-managed {@code policy} is in force for {@code principal}, attached to it or to one of its groups. */
public record Attached(String policy, String principal) {
}
