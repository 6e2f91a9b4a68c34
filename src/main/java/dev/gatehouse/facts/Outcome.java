package dev.gatehouse.facts;

import dev.gatehouse.api.Verdict;

/** The decision reached for a request. */
public record Outcome(int req, Verdict verdict) {
}
