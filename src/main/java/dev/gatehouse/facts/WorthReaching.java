package dev.gatehouse.facts;

/**
 * The node is a goal of the escalation search (an administrator, or for who-can a principal with the
 * access asked about) or can escalate to one: edges are derived only into such nodes, so the graph
 * holds what a path can use and not every pair of principals that could act on each other.
 */
public record WorthReaching(String node) {
}
