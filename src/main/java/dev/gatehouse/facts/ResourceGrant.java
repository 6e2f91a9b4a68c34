package dev.gatehouse.facts;

/** The resource policy allows the caller, naming it at a position of the principal chain (see Position). */
public record ResourceGrant(int req, int position, Certainty certainty) {
}
