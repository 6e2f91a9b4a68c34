package dev.gatehouse.tools;

import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.ActionCatalog;
import dev.gatehouse.api.Access;
import dev.gatehouse.query.Questions;
import dev.gatehouse.query.Report;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench-org", mixinStandardHelpOptions = true,
        description = {"Benchmark the organization questions on synthetic organizations (OrgGenerator, seeded): load "
                + "time, who-can latency on one bucket (read access, warm), the full report, and heap in use. "
                + "Prints medians."})
final class BenchOrgCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--roles", split = ",", description = "role counts (default: ${DEFAULT-VALUE})")
    List<Integer> roles = List.of(1000, 10000);

    @Option(names = "--buckets", split = ",", description = "bucket counts, one per role count (default: ${DEFAULT-VALUE})")
    List<Integer> buckets = List.of(100, 1000);

    @Mixin
    SyntheticOrgOptions org;

    @Option(names = "--runs", description = "warm who-can runs (default: ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--no-report", description = "skip the full report")
    boolean noReport;

    @Option(names = "--shapes", split = ",", paramLabel = "SHAPE:ROLES", description = "instead of the synthetic "
            + "organizations, role-assumption graphs of these shapes and sizes: complete:N (every role may assume every "
            + "other), chain:N (a trust chain of N roles), ring:N (one role in each of N accounts, in a ring); e.g. "
            + "complete:100,complete:2000,chain:1000,ring:1000")
    List<String> shapes = List.of();


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RuleBase rules = RuleBase.shipped();
        ActionCatalog catalog = ActionCatalog.shipped();
        if (!shapes.isEmpty()) {
            return shapes(out, rules, catalog);
        }
        out.printf("%-8s %-8s %10s %12s %14s %14s %12s %10s%n", "roles", "buckets", "load s", "who-can 1st s",
                "who-can warm s", "report s", "report rows", "heap MB");
        for (int i = 0; i < roles.size(); i++) {
            int r = roles.get(i);
            int b = buckets.get(Math.min(i, buckets.size() - 1));
            Path dir = Files.createTempDirectory("gatehouse-org-" + r);
            org.generator().write(dir, org.accounts, r, r / 10, b);
            List<Double> loads = new ArrayList<>();
            Facts facts = null;
            for (int k = 0; k < 3; k++) {
                long t0 = System.nanoTime();
                facts = FactsLoader.load(dir);
                loads.add((System.nanoTime() - t0) / 1e9);
            }
            Questions q = new Questions(facts, rules, dev.gatehouse.api.Options.defaults());
            Resource bucket = facts.resources().values().stream().filter(x -> x.arn().startsWith("arn:aws:s3:::"))
                    .min(Comparator.comparing(Resource::arn)).orElseThrow();
            List<String> read = catalog.actionsOn(bucket.arn() + "/*", EnumSet.of(ActionCatalog.Access.READ));
            long t0 = System.nanoTime();
            List<Access> first = q.whoCan(bucket.arn() + "/*", read, true);
            double firstS = (System.nanoTime() - t0) / 1e9;
            List<Double> warm = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                t0 = System.nanoTime();
                q.whoCan(bucket.arn() + "/*", read, true);
                warm.add((System.nanoTime() - t0) / 1e9);
            }
            double[] report = report(q, catalog);
            out.printf("%-8d %-8d %10.2f %12.2f %14.3f %14.1f %12d %10.0f%n", r, b, BenchCommand.median(loads), firstS,
                    BenchCommand.median(warm), report[0], (int) report[1], report[2]);
            out.printf("         (%d principals, %d resources, %d who-can entries on %s)%n", facts.principals().size(),
                    facts.resources().size(), first.size(), bucket.arn());
            out.flush();
        }
        return Tools.OK;
    }

    /** The full report's seconds and rows (NaN and 0 with --no-report), and the heap in use after it (MB, after a GC). */
    private double[] report(Questions q, ActionCatalog catalog) {
        double seconds = Double.NaN;
        int rows = 0;
        if (!noReport) {
            long t0 = System.nanoTime();
            rows = Report.build(q, catalog, null).size();
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        System.gc();
        return new double[] {seconds, rows, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6};
    }

    /**
     * Reachability on graph shapes: load, who-can-assume of the role every other reaches (first, with the
     * role graph decided and derived, then warm), the full report, and the heap in use after each (after a GC).
     */
    private int shapes(PrintWriter out, RuleBase rules, ActionCatalog catalog) throws Exception {
        out.printf("%-16s %8s %12s %16s %14s %12s %12s %12s%n", "shape", "load s", "assume 1st s", "assume warm s", "assumers",
                "report s", "report rows", "heap MB");
        for (String spec : shapes) {
            String[] parts = spec.split(":");
            String shape = parts[0];
            int n = Integer.parseInt(parts[1]);
            Path dir = Files.createTempDirectory("gatehouse-shape-" + shape + "-" + n);
            String goal = dev.gatehouse.tools.gen.GraphShapes.write(shape, n, dir);
            long t0 = System.nanoTime();
            Facts facts = FactsLoader.load(dir);
            double load = (System.nanoTime() - t0) / 1e9;
            Questions q = new Questions(facts, rules, dev.gatehouse.api.Options.defaults());
            t0 = System.nanoTime();
            int assumers = q.whoCanAssume(goal).size();
            double first = (System.nanoTime() - t0) / 1e9;
            List<Double> warm = new ArrayList<>();
            for (int k = 0; k < runs; k++) {
                t0 = System.nanoTime();
                q.whoCanAssume(goal);
                warm.add((System.nanoTime() - t0) / 1e9);
            }
            double[] report = report(q, catalog);
            out.printf("%-16s %8.2f %12.2f %16.3f %14d %12.1f %12d %12.0f%n", spec, load, first, BenchCommand.median(warm), assumers,
                    report[0], (int) report[1], report[2]);
            out.flush();
        }
        return Tools.OK;
    }
}
