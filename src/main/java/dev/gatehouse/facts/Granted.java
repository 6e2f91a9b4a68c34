package dev.gatehouse.facts;

/** The caller's side and the resource's side together grant the request (org gates aside). */
public record Granted(int req, Certainty certainty) {
}
