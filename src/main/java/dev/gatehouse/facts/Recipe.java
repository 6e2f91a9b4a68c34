package dev.gatehouse.facts;

import java.util.List;

/**
 * A way to run code as a role through a service (pathfinding.cloud's new-passrole and existing-passrole
 * paths): the service principal the role must trust, whether the caller passes the role itself
 * ({@code passRole}) or relies on an {@code existing} resource already running as it, and the actions
 * every one of which the caller must be allowed.
 */
public record Recipe(String name, String service, boolean passRole, List<String> actions, String existing) {
    public Recipe {
        actions = List.copyOf(actions);
    }

    /** The first action: a rule joins on it by equality, which Drools indexes. */
    public String first() {
        return actions.get(0);
    }
}
