package dev.gatehouse.facts;

/** The caller is vouched for up to a position of the principal chain: gates of higher rank must still allow. */
public record Vouch(int req, int position, Certainty certainty) {
}
