package dev.gatehouse.facts;

/** A line whose principal is outside the zone of trust ({@code zone}: "organization o-…", "account 1111…", …). */
public record Outside(AccessLine line, String zone) {
}
