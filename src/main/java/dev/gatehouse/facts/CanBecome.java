package dev.gatehouse.facts;

/** Principal {@code from} can become role {@code to} (semantics.md §6), possibly only under conditions. */
public record CanBecome(String from, String to, boolean conditional) {
}
