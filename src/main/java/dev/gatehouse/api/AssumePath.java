package dev.gatehouse.api;

import java.util.List;

/**
 * A principal that can reach a role through role assumption: the shortest path (principal first, role
 * last), whether any hop rests on open conditions, and for each hop the statements that allow it.
 */
public record AssumePath(String principal, boolean conditional, List<String> path, List<Hop> hops) {
    public AssumePath {
        path = List.copyOf(path);
        hops = List.copyOf(hops);
    }

    /** One assumption: who assumes which role, the decision, and the statements that allow it. */
    public record Hop(String from, String to, Verdict decision, List<String> grants, List<String> conditions) {
        public Hop {
            grants = List.copyOf(grants);
            conditions = List.copyOf(conditions);
        }
    }
}
