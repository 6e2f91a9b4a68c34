package dev.gatehouse.api;

import java.util.List;

/**
 * A principal that can reach a role through role assumption: the shortest path (principal first, role
 * last), whether any hop rests on open conditions, for each hop the statements that allow it, and — when
 * a principal or role on the path has policies that could not be read — why the path is {@code incomplete}
 * (null when it rests only on what was read).
 */
public record AssumePath(String principal, boolean conditional, List<String> path, List<Hop> hops, String incomplete) {
    public AssumePath {
        path = List.copyOf(path);
        hops = List.copyOf(hops);
    }

    /** A path that rests only on what was read. */
    public AssumePath(String principal, boolean conditional, List<String> path, List<Hop> hops) {
        this(principal, conditional, path, hops, null);
    }

    /** This path marked as resting on what could not be read, and why. */
    public AssumePath incomplete(String why) {
        return new AssumePath(principal, conditional, path, hops, why);
    }

    /** One assumption: who assumes which role, the decision, and the statements that allow it. */
    public record Hop(String from, String to, Verdict decision, List<String> grants, List<String> conditions) {
        public Hop {
            grants = List.copyOf(grants);
            conditions = List.copyOf(conditions);
        }
    }
}
