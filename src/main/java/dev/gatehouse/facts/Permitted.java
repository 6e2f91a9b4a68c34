package dev.gatehouse.facts;

/** Granted and allowed by every org gate. */
public record Permitted(int req, Certainty certainty) {
}
