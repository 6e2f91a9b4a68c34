package dev.gatehouse.facts;

/** Some member of component {@code from} can become some member of another component, {@code to}. */
public record ComponentEdge(String from, String to) {
}
