package dev.gatehouse.facts;

import java.util.Set;

/**
 * Why a principal that cannot escalate comes nearest to it: a policy allows it {@code action} on {@code targets}
 * (one of the requests an escalation begins with, or a step of a service recipe), {@code why} it leads to no
 * administrator, and the decision that allows it ({@code proof}, as {@link Ability}).
 */
public record NearMiss(String node, String action, Set<String> targets, String why, int proof) {
    public NearMiss {
        targets = Set.copyOf(targets);
    }
}
