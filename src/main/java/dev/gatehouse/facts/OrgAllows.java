package dev.gatehouse.facts;

/** Every applicable SCP and RCP level allows the request. */
public record OrgAllows(int req, Certainty certainty) {
}
