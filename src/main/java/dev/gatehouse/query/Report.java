package dev.gatehouse.query;

import dev.gatehouse.api.Verdict;

import dev.gatehouse.api.ReportRow;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;

import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.ActionCatalog;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Variables;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The batch reachability report: for every resource with a resource-based policy, who can read it, write
 * it and manage its permissions; for every role, who can assume it. Rows are sorted, so the same facts
 * always give the same report.
 */
public final class Report {
    private Report() {
    }

    /**
     * Builds the report.
     *
     * @param progress told (done, total) after each resource, for a progress line; may be null
     */
    public static List<ReportRow> build(Questions q, ActionCatalog catalog, BiConsumer<Integer, Integer> progress) {
        List<Resource> targets = new ArrayList<>();
        for (Resource r : q.facts().resources().values()) {
            boolean role = q.facts().principals().containsKey(r.arn());
            if (role || r.policy() != null) {
                targets.add(r);
            }
        }
        targets.sort((a, b) -> a.arn().compareTo(b.arn()));
        q.prepare();
        Map<String, Set<String>> prefixes = objectPrefixes(q.facts());
        List<List<ReportRow>> parts = new ArrayList<>();
        targets.forEach(t -> parts.add(null));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, targets.size()).parallel().forEach(i -> {
                parts.set(i, rowsFor(q, catalog, targets.get(i), prefixes.getOrDefault(targets.get(i).arn(), Set.of())));
                int d = done.incrementAndGet();
                if (progress != null) {
                    synchronized (progress) {
                        progress.accept(d, targets.size());
                    }
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the report was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        List<ReportRow> rows = new ArrayList<>();
        parts.forEach(rows::addAll);
        return rows;
    }

    /**
     * The object prefixes of each bucket that an Allow of the facts names ({@code arn:aws:s3:::vault-data/public/*}),
     * by bucket ARN: a grant limited to a prefix is no grant on {@code bucket/*}, so each is asked apart.
     */
    static Map<String, Set<String>> objectPrefixes(Facts facts) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        List<Policy> policies = new ArrayList<>();
        facts.principals().values().forEach(p -> policies.addAll(p.policies()));
        facts.resources().values().stream().filter(r -> r.policy() != null).forEach(r -> policies.add(r.policy()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Policy pol : policies) {
            if (!seen.add(pol.id())) {
                continue;
            }
            for (Statement st : pol.statements()) {
                if (st.effect() != Effect.ALLOW || st.notResource()) {
                    continue;
                }
                for (String pattern : st.resources()) {
                    int slash = pattern.indexOf('/');
                    if (!pattern.startsWith("arn:aws:s3:::") || slash < 0 || Variables.hasVariable(pattern)) {
                        continue;
                    }
                    String bucket = pattern.substring(0, slash);
                    if (!bucket.contains("*") && !bucket.contains("?") && !pattern.equals(bucket + "/*")) {
                        out.computeIfAbsent(bucket, k -> new java.util.TreeSet<>()).add(pattern);
                    }
                }
            }
        }
        return out;
    }

    private static List<ReportRow> rowsFor(Questions q, ActionCatalog catalog, Resource r, Set<String> prefixes) {
        List<ReportRow> rows = new ArrayList<>();
        Principal role = q.facts().principals().get(r.arn());
        if (role != null && role.kind() == Principal.Kind.ROLE) {
            // each path is stored once: a row names the first role its principal assumes (via), and that role's
            // own row for this role goes on from there, so a chain of a thousand roles is a thousand short rows
            for (AssumePath p : q.firstHopsInto(r.arn())) {
                String first = p.path().get(p.path().size() - 1);
                List<String> via = first.equals(r.arn()) ? List.of() : List.of(first);
                List<String> cond = new ArrayList<>(p.hops().get(0).conditions());
                if (!via.isEmpty() && p.conditional() && p.hops().get(0).decision() == Verdict.ALLOWED) {
                    cond.add("as " + first + ", under the conditions of its own row");
                }
                rows.add(new ReportRow(r.arn(), "assume", p.principal(), PrincipalTypes.of(q.facts(), p.principal()),
                        Verdict.granted(p.conditional()), List.of("sts:AssumeRole"), via, cond, p.incomplete(), p.hops().get(0).grants()));
            }
        } else {
            // one question per resource form (a bucket and its objects), every access level at once
            EnumSet<ActionCatalog.Access> levels = EnumSet.of(ActionCatalog.Access.READ, ActionCatalog.Access.WRITE,
                    ActionCatalog.Access.PERMISSIONS);
            List<Access> entries = new ArrayList<>();
            List<String> own = catalog.actionsOn(r.arn(), levels);
            if (!own.isEmpty()) {
                entries.addAll(q.whoCan(r.arn(), own, true));
            }
            if (r.arn().startsWith("arn:aws:s3:::")) {
                List<String> objects = catalog.actionsOn(r.arn() + "/*", levels);
                if (!objects.isEmpty()) {
                    entries.addAll(q.whoCan(r.arn() + "/*", objects, true));
                }
            }
            Map<String, Map<String, Access>> whole = byAccess(catalog, entries);
            whole.forEach((access, merged) -> merged.values().forEach(e -> rows.add(row(r.arn(), access, e))));
            // a grant limited to an object prefix the policies name: its own rows, where it adds to the bucket's
            List<String> objects = prefixes.isEmpty() ? List.of() : catalog.actionsOn(r.arn() + "/*", levels);
            for (String prefix : prefixes) {
                Map<String, Map<String, Access>> part = byAccess(catalog, q.whoCan(prefix, objects, true));
                part.forEach((access, merged) -> merged.values().forEach(e -> {
                    Access all = whole.getOrDefault(access, Map.of()).get(e.principal());
                    // covered when the bucket-wide line says as much: Allowed, or Conditional on no more than the prefix's
                    boolean covered = all != null && all.actions().containsAll(e.actions())
                            && (all.decision() == Verdict.ALLOWED
                            || e.decision() == Verdict.CONDITIONAL && e.conditions().containsAll(all.conditions()));
                    if (!covered) {
                        rows.add(row(prefix, access, e));
                    }
                }));
            }
        }
        return rows;
    }

    /** The entries split by access level (read, write, permissions), merged per principal, in order. */
    private static Map<String, Map<String, Access>> byAccess(ActionCatalog catalog, List<Access> entries) {
        Map<String, Map<String, Access>> out = new java.util.LinkedHashMap<>();
        for (String access : List.of("read", "write", "permissions")) {
            Map<String, Access> merged = new java.util.TreeMap<>();
            for (Access e : entries) {
                List<String> acts = e.actions().stream().filter(a -> level(catalog, a).equals(access)).toList();
                if (!acts.isEmpty()) {
                    merged.merge(e.principal(), new Access(e.principal(), e.type(), e.decision(), acts, e.conditions(), e.via(),
                            e.grants(), e.incomplete()), Report::merge);
                }
            }
            out.put(access, merged);
        }
        return out;
    }

    private static ReportRow row(String resource, String access, Access e) {
        return new ReportRow(resource, access, e.principal(), e.type(), e.decision(), e.actions(), e.via(), e.conditions(),
                e.incomplete(), e.grants());
    }

    private static String level(ActionCatalog catalog, String action) {
        String l = catalog.accessLevel(action);
        if (l == null) {
            return "";
        }
        return switch (l) {
            case "Read", "List" -> "read";
            case "Write" -> "write";
            case "Permissions management, Write" -> "permissions";
            default -> "";
        };
    }

    private static Access merge(Access a, Access b) {
        List<String> acts = new ArrayList<>(a.actions());
        b.actions().stream().filter(x -> !acts.contains(x)).forEach(acts::add);
        List<String> cond = new ArrayList<>(a.conditions());
        b.conditions().stream().filter(x -> !cond.contains(x)).forEach(cond::add);
        Verdict decision = Verdict.granted(a.decision() != Verdict.ALLOWED && b.decision() != Verdict.ALLOWED);
        List<String> via = a.via().size() <= b.via().size() ? a.via() : b.via();
        return new Access(a.principal(), a.type(), decision, acts, cond, via, a.grants(),
                a.incomplete() != null ? a.incomplete() : b.incomplete());
    }
}
