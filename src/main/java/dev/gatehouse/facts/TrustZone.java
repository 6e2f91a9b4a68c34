package dev.gatehouse.facts;

/** The facts hold an organization: its accounts ({@link OrgAccount}) are the zone of trust. */
public record TrustZone(String organization) {
}
