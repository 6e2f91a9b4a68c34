package dev.gatehouse.facts;

/** Granting the principal (an ARN) any permission leads somewhere worth reaching: its state with a policy of its choosing is. */
public record GrantWorthwhile(String principal) {
}
