package dev.gatehouse.facts;

/**
 * The members of component {@code from} can reach the members of component {@code goal} through one or more
 * role assumptions (components: {@link Member}).
 */
public record Reaches(String from, String goal) {
}
