package dev.gatehouse.tools;

import dev.gatehouse.api.EscalationAnswer;

import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.org.Facts;
import dev.gatehouse.query.Escalations;
import dev.gatehouse.query.Questions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench-privesc", mixinStandardHelpOptions = true,
        description = {"Benchmark privesc on synthetic organizations (OrgGenerator, seeded): the first run (which also "
                + "decides every role assumption) and warm runs (a new analysis over the same loaded facts), with the graph's "
                + "size and heap in use. Prints medians of the warm runs."})
final class BenchPrivescCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--principals", split = ",", description = "role counts; users are a tenth of that on top (default: ${DEFAULT-VALUE})")
    List<Integer> roles = List.of(1000, 10000);

    @Mixin
    SyntheticOrgOptions org;

    @Option(names = "--runs", description = "warm runs (default: ${DEFAULT-VALUE})")
    int runs = 3;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RuleBase rules = RuleBase.shipped();
        out.printf("%-8s %-11s %8s %11s %12s %9s %8s %8s %9s %14s %9s%n", "roles", "principals", "first s", "warm s", "requests",
                "nodes", "edges", "admins", "escalate", "who-can+esc s", "heap MB");
        for (int r : roles) {
            Path dir = Files.createTempDirectory("gatehouse-privesc-" + r);
            org.generator().withEscalationTemplates().write(dir, org.accounts, r, r / 10, Math.max(1, r / 10));
            Facts facts = FactsLoader.load(dir);
            Questions q = new Questions(facts, rules, dev.gatehouse.api.Options.defaults());
            long t0 = System.nanoTime();
            Escalations.Result first = new Escalations(q, rules).analyze(null);
            double firstS = (System.nanoTime() - t0) / 1e9;
            List<Double> warm = new ArrayList<>();
            Escalations.Result last = first;
            for (int k = 0; k < runs; k++) {
                t0 = System.nanoTime();
                last = new Escalations(q, rules).analyze(null);
                warm.add((System.nanoTime() - t0) / 1e9);
            }
            // who can read the first bucket, counting escalation: who-can, then one escalation graph with its goals
            String bucket = facts.resources().keySet().stream().filter(x -> x.startsWith("arn:aws:s3:::")).sorted().findFirst().orElseThrow();
            t0 = System.nanoTime();
            List<dev.gatehouse.api.Access> direct = q.whoCan(bucket + "/x", List.of("s3:GetObject"), true);
            new Escalations(q, rules).whoCanThroughEscalation(bucket + "/x", List.of("s3:GetObject"), direct, null);
            double whoCanEsc = (System.nanoTime() - t0) / 1e9;
            System.gc();
            double heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6;
            out.printf("%-8d %-11d %8.1f %11.2f %12d %9d %8d %8d %9d %14.1f %9.0f%n", r, facts.principals().size(), firstS,
                    BenchCommand.median(warm), last.requests(), last.labels().size(), last.edges().size(),
                    last.answers().stream().filter(EscalationAnswer::admin).count(),
                    last.answers().stream().filter(EscalationAnswer::canEscalate).count(), whoCanEsc, heap);
            out.flush();
        }
        return Tools.OK;
    }
}
