package dev.gatehouse.query;

import dev.gatehouse.api.Verdict;

import dev.gatehouse.api.ReportRow;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;

import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.ActionCatalog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
        List<List<ReportRow>> parts = new ArrayList<>();
        targets.forEach(t -> parts.add(null));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, targets.size()).parallel().forEach(i -> {
                parts.set(i, rowsFor(q, catalog, targets.get(i)));
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

    private static List<ReportRow> rowsFor(Questions q, ActionCatalog catalog, Resource r) {
        List<ReportRow> rows = new ArrayList<>();
        Principal role = q.facts().principals().get(r.arn());
        if (role != null && role.kind() == Principal.Kind.ROLE) {
            for (AssumePath p : q.whoCanAssume(r.arn())) {
                List<String> cond = new ArrayList<>();
                p.hops().forEach(h -> cond.addAll(h.conditions()));
                rows.add(new ReportRow(r.arn(), "assume", p.principal(), PrincipalTypes.of(q.facts(), p.principal()),
                        Verdict.granted(p.conditional()), List.of("sts:AssumeRole"),
                        p.path().subList(1, p.path().size() - 1), cond));
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
            for (String access : List.of("read", "write", "permissions")) {
                java.util.Map<String, Access> merged = new java.util.TreeMap<>();
                for (Access e : entries) {
                    List<String> acts = e.actions().stream().filter(a -> level(catalog, a).equals(access)).toList();
                    if (acts.isEmpty()) {
                        continue;
                    }
                    Access part = new Access(e.principal(), e.type(), e.decision(), acts, e.conditions(), e.via(), e.grants());
                    merged.merge(e.principal(), part, Report::merge);
                }
                for (Access e : merged.values()) {
                    rows.add(new ReportRow(r.arn(), access, e.principal(), e.type(), e.decision(), e.actions(), e.via(), e.conditions()));
                }
            }
        }
        return rows;
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
        return new Access(a.principal(), a.type(), decision, acts, cond, via, a.grants());
    }
}
