package dev.gatehouse.facts;

/**
 * The node is worth reaching for one node alone, {@code by}: one that may become it and then grant it any
 * permission (assume a role, then attach a policy to it). Edges into it are derived from {@code by} only.
 */
public record WorthReachingFor(String node, String by) {
}
