package dev.gatehouse.facts;

import java.util.Set;

/**
 * A decided request that a node may make: the full evaluation allowed (or, if {@code conditional},
 * allowed only under open conditions) {@code action} on each of {@code targets} — principal, group or
 * policy ARNs that no statement can tell apart (one request decided them all), roles passed to the
 * service {@code qualifier} names (or, qualified {@link #UNDER_OWN_TRUST}, roles asked under a rewritten trust), or {@code *} and the node's own resource patterns for service actions.
 * {@code proof} indexes the decision that proves it.
 */
public record Ability(String node, String action, Set<String> targets, String qualifier, boolean conditional, int proof) {
    /** The qualifier of a request asked under the trust policy the principal would write (EdgeRequest.Target.ROLES_UNDER_OWN_TRUST). */
    public static final String UNDER_OWN_TRUST = "under the trust policy it wrote";

    public Ability {
        targets = Set.copyOf(targets);
    }
}
