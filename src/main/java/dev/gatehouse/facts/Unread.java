package dev.gatehouse.facts;

/** Something of the facts (a principal, resource, account or collect's scope) that could not all be read, and why. */
public record Unread(String key, String why) {
}
