package dev.gatehouse.facts;

/**
 * A decided request lets node {@code by} become principal {@code principal} (an assumption of the role, or
 * credentials for the user), where granting that principal anything would be worth it: the candidates for
 * {@link WorthReachingFor}.
 */
public record MayBecome(String by, String principal) {
}
