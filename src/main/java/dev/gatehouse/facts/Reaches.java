package dev.gatehouse.facts;

/** Principal {@code from} can reach role {@code goal} through one or more role assumptions. */
public record Reaches(String from, String goal) {
}
