package dev.gatehouse.facts;

/** A question about who can reach the roles of a component ({@link Member}): the rules derive {@link Reaches} toward it. */
public record ReachGoal(String target) {
}
