package dev.gatehouse.facts;

/** A gate level in which an Allow statement matches the request. */
public record GateAllows(int req, Gate gate, int level, Certainty certainty) {
}
