package dev.gatehouse.facts;

/** An account of the organization of the facts. */
public record OrgAccount(String account) {
}
