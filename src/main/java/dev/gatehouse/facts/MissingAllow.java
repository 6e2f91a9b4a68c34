package dev.gatehouse.facts;

/** A gate the request needed that has no matching Allow. */
public record MissingAllow(int req, Gate gate, int level, String levelName) {
}
