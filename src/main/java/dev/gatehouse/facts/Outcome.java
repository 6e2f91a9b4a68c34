package dev.gatehouse.facts;

/** The decision reached for a request. */
public record Outcome(int req, Verdict verdict) {
}
