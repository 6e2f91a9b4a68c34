package dev.gatehouse.org;

import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import java.util.List;
import java.util.Map;

/**
 * Everything loaded from a facts directory: the organization (or null), the principals, resources, groups
 * and customer-managed policies by ARN, which roles have an instance profile ({@code instanceProfiles}:
 * role ARN to whether the export lists one; a role absent from the map is not known either way), what is
 * {@code incomplete} (a principal or resource ARN, or an account id whose IAM export could not be read, to
 * the first problem that left some of its policies unknown: answers about it may miss access), the
 * problems found while loading, which files were loaded or skipped, and what {@code gatehouse collect} asked of
 * each account it collected ({@code collections}, by account id), and where each policy (by id), principal and
 * resource (by ARN) was read ({@code locations}).
 */
public record Facts(Organization organization, Map<String, Principal> principals, Map<String, Resource> resources,
                    Map<String, Group> groups, Map<String, ManagedPolicy> managedPolicies,
                    Map<String, Boolean> instanceProfiles, Map<String, String> incomplete, List<Problem> problems,
                    List<String> loaded, List<String> skipped, Map<String, Collection> collections,
                    Map<String, Location> locations) {
    public Facts {
        // in the order they were loaded (Map.copyOf would iterate in an order that changes from run to run)
        principals = ordered(principals);
        resources = ordered(resources);
        groups = ordered(groups);
        managedPolicies = ordered(managedPolicies);
        instanceProfiles = ordered(instanceProfiles);
        incomplete = ordered(incomplete);
        problems = List.copyOf(problems);
        loaded = List.copyOf(loaded);
        skipped = List.copyOf(skipped);
        collections = ordered(collections);
        locations = Map.copyOf(locations);
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    /**
     * Refuses a question about something whose policies could not all be read ({@link #incomplete()}): its
     * answer could miss access, which must not pass for a complete answer.
     */
    public void requireComplete(String key, String question) {
        String why = incomplete.get(key);
        if (why != null) {
            throw new InputException(new Problem(ProblemCode.INCOMPLETE_SUBJECT, "", "", "cannot answer " + question + " for `" + key + "`: " + why));
        }
    }

    /**
     * The refusal of a question about a principal or role ({@code kind}) the facts do not hold: when its account could
     * not all be read (collect could not assume a role in it, its export could not be read), that is the reason.
     */
    public InputException notInFacts(String kind, String arn, String option) {
        String account = dev.gatehouse.policy.Arn.parse(arn).map(dev.gatehouse.policy.Arn::account).orElse(null);
        String why = account == null ? null : incomplete.get(account);
        if (why != null) {
            return new InputException(new Problem(ProblemCode.INCOMPLETE_SUBJECT, "", option, "the " + kind + " `" + arn
                    + "` is not in the facts, and its account was not all read: " + why));
        }
        return new InputException(new Problem(ProblemCode.NOT_IN_FACTS, "", option, "the " + kind + " `" + arn + "` is not in the facts"));
    }

    /**
     * Why nothing can be said about a resource of {@code owner}: collect could not list its kind there (the
     * listing was refused, or the account's role could not be assumed), or did not ask its service or region. Null
     * when the facts hold what there is to know of it.
     */
    public String unread(String resource, String owner) {
        if (owner == null) {
            return null;
        }
        dev.gatehouse.policy.Arn a = dev.gatehouse.policy.Arn.parse(resource).orElse(null);
        if (a == null) {
            return null;
        }
        String region = a.region() == null || a.region().isEmpty() ? "*" : a.region();
        for (String key : List.of(Collection.scope(a.service(), region, owner), Collection.scope(a.service(), "*", owner),
                Collection.scope("*", "*", owner))) {
            String why = incomplete.get(key);
            if (why != null) {
                return why;
            }
        }
        Collection c = collections.get(owner);
        return c == null ? null : c.notAsked(a.service(), a.region());
    }

    /**
     * Why an answer resting on these principals, resources or account ids may miss access: the first reason
     * one of them could not all be read ({@link #incomplete()}), or null when all were read.
     */
    public String whyIncomplete(Iterable<String> keys) {
        for (String k : keys) {
            String why = k == null ? null : incomplete.get(k);
            if (why != null) {
                return k + ": " + why;
            }
        }
        return null;
    }

    /**
     * The one account the facts hold (every principal and resource of one account, and no organization of
     * more), or null: a resource whose ARN names no account (an S3 bucket) is then taken as owned by it.
     */
    public String soleAccount() {
        java.util.Set<String> accounts = new java.util.TreeSet<>();
        principals.values().forEach(p -> accounts.add(p.account()));
        resources.values().stream().map(Resource::account).filter(a -> a != null && !a.isEmpty()).forEach(accounts::add);
        if (organization != null) {
            accounts.addAll(organization.accounts().keySet());
        }
        return accounts.size() == 1 ? accounts.iterator().next() : null;
    }

    /** One line: {@code 5 files loaded, 1 skipped: …}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(loaded.size()).append(loaded.size() == 1 ? " file" : " files").append(" loaded");
        if (!skipped.isEmpty()) {
            sb.append(", ").append(skipped.size()).append(" skipped: ").append(dev.gatehouse.policy.Printable.line(String.join(", ", skipped)));
        }
        sb.append("; ").append(principals.size()).append(" principals, ").append(resources.size()).append(" resources");
        if (!problems.isEmpty()) {
            sb.append("; ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        }
        return sb.toString();
    }
}
