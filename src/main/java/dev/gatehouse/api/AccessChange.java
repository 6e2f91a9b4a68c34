package dev.gatehouse.api;

import java.util.List;

/**
 * One access that differs between two snapshots of an organization ({@code gatehouse diff}): {@code gained} or lost,
 * what kind ({@code read}, {@code write}, {@code permissions}, {@code assume}, {@code administrator},
 * {@code escalation}), on which resource (the principal itself for administrator and escalation), by whom, the
 * decision before and after ({@code null} when it had, or has, no such access), the actions gained or lost, and the
 * statements that cause it (those that grant it after, for a gain; before, for a loss).
 */
public record AccessChange(boolean gained, String access, String resource, String principal, Verdict before, Verdict after,
                           List<String> actions, List<String> because) {
    public AccessChange {
        actions = List.copyOf(actions);
        because = List.copyOf(because);
    }
}
