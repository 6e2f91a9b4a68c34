package dev.gatehouse.facts;

/** A question about who can reach a role: the rules derive {@link Reaches} facts toward it. */
public record ReachGoal(String target) {
}
