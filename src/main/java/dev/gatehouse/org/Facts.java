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
        return new InputException(new Problem(ProblemCode.NOT_IN_FACTS, "", option, "the " + kind + " `" + arn + "` is not in the facts"
                + dev.gatehouse.policy.Suggest.didYouMean(arn, principals.values().stream()
                        .filter(p -> !kind.equals("role") || p.kind() == Principal.Kind.ROLE).map(Principal::arn).toList())));
    }

    /**
     * The ARN of the user or role {@code name} names ({@code kind} "role" for roles only): its ARN, or — when one
     * principal alone has it — its name ({@code alice}, {@code DeployRole}) or the end of its ARN
     * ({@code user/alice}, {@code role/analytics/DataScientist}). Refused, with the nearest names, when none has it,
     * and with the candidates when several do.
     */
    public String principalArn(String name, String kind, String option) {
        java.util.function.Predicate<Principal> ofKind = p -> !kind.equals("role") || p.kind() == Principal.Kind.ROLE;
        Principal exact = principals.get(name);
        if (exact != null && ofKind.test(exact) || name.startsWith("arn:")) {
            if (exact == null || !ofKind.test(exact)) {
                throw notInFacts(kind, name, option);
            }
            return name;
        }
        List<String> found = principals.values().stream().filter(ofKind)
                .filter(p -> p.name().equals(name) || p.arn().endsWith(":" + name) || p.arn().endsWith("/" + name))
                .map(Principal::arn).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, "`" + name + "` names " + found.size() + " "
                    + kind + "s of the facts: " + String.join(", ", found.stream().limit(5).toList()) + (found.size() > 5 ? ", …" : "")
                    + "; give the ARN"));
        }
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        principals.values().stream().filter(ofKind).forEach(p -> byName.merge(p.name(), p.arn(), (a, b) -> a));
        List<String> near = dev.gatehouse.policy.Suggest.nearest(name, byName.keySet()).stream().map(byName::get).toList();
        throw new InputException(new Problem(ProblemCode.NOT_IN_FACTS, "", option, "no " + (kind.equals("role") ? "role" : "user or role")
                + " of the facts is named `" + name + "` (give a name, or an ARN)" + dev.gatehouse.policy.Suggest.didYouMean(near)));
    }

    /** The resources of the facts nearest to an ARN that is not one of them (a misspelt bucket), or none. */
    public List<String> nearResources(String arn) {
        if (resources.containsKey(arn)) {
            return List.of();
        }
        if (arn.startsWith("arn:aws:s3:::") && arn.indexOf('/') > 0) {
            // an object: of a bucket the facts hold, or of a misspelt one, whose name decides
            String bucket = arn.substring(0, arn.indexOf('/'));
            return resources.containsKey(bucket) ? List.of() : dev.gatehouse.policy.Suggest.nearest(bucket, resources.keySet()).stream()
                    .map(b -> b + arn.substring(arn.indexOf('/'))).toList();
        }
        return dev.gatehouse.policy.Suggest.nearest(arn, resources.keySet());
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
        sb.append("; ").append(dev.gatehouse.policy.Printable.count(principals.size(), "principal")).append(", ").append(dev.gatehouse.policy.Printable.count(resources.size(), "resource"));
        long warnings = problems.stream().filter(p -> p.code() == ProblemCode.UNKNOWN_NAME).count();
        long errors = problems.size() - warnings;
        if (errors > 0) {
            sb.append("; ").append(dev.gatehouse.policy.Printable.count(errors, "problem"));
        }
        if (warnings > 0) {
            sb.append("; ").append(dev.gatehouse.policy.Printable.count(warnings, "warning"));
        }
        return sb.toString();
    }
}
