package dev.gatehouse.facts;

/** A gate (and for SCPs and RCPs, a level of it) that the request must pass. */
public record GateApplies(int req, Gate gate, int level, String levelName) {
}
