package dev.gatehouse.facts;

/** A policy that takes part in deciding a request, at a gate and level (level 0 for non-org gates). */
public record PolicyInForce(int req, Gate gate, int level, String levelName, dev.gatehouse.policy.Policy policy) {
}
