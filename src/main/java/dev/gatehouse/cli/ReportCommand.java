package dev.gatehouse.cli;

import dev.gatehouse.policy.ActionCatalog;
import dev.gatehouse.query.Questions;
import dev.gatehouse.query.Report;
import dev.gatehouse.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The batch reachability report: for every resource with a resource-based policy, who can read, "
                + "write and manage its permissions; for every role, who can assume it; who can become administrator (see privesc). "
                + "Writes report.json, report.csv "
                + "and a self-contained report.html with sortable tables, with a progress line on standard error."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FactsOptions opts;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: ${DEFAULT-VALUE})")
    Path out = Path.of("gatehouse-report");

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Questions q = opts.load(err);
        long t0 = System.nanoTime();
        long[] last = {0};
        List<Report.Row> rows = Report.build(q, ActionCatalog.shipped(), (done, total) -> {
            long now = System.nanoTime();
            if (!opts.quiet && (now - last[0] > 1_000_000_000L || done.equals(total))) {
                last[0] = now;
                err.printf("\rgatehouse: report %d/%d resources (%.0f s)", done, total, (now - t0) / 1e9);
                err.flush();
            }
        });
        if (!opts.quiet) {
            err.println();
        }
        // who can become administrator: privesc.json and the graph in privesc.html, linked from report.html
        PrivescCommand.fixNow(q, opts.context);
        List<dev.gatehouse.query.Escalations.Answer> answers = new dev.gatehouse.query.Escalations(q, dev.gatehouse.engine.RuleBase.shipped())
                .analyze(opts.quiet ? null : line -> {
                    err.println("gatehouse: " + line);
                    err.flush();
                }).answers();
        long admins = answers.stream().filter(dev.gatehouse.query.Escalations.Answer::admin).count();
        long esc = answers.stream().filter(dev.gatehouse.query.Escalations.Answer::canEscalate).count();
        List<Path> files = new java.util.ArrayList<>(ReportWriter.write(rows, out, "Gatehouse reachability report: " + opts.facts,
                "<p><b>Privilege escalation:</b> " + admins + " administrators, " + esc + " principals can become one — "
                        + "<a href=\"privesc.html\">the escalation graph and paths</a> (privesc.json).</p>\n"));
        java.nio.file.Files.writeString(out.resolve("privesc.json"), dev.gatehouse.policy.Json.mapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(dev.gatehouse.report.EscalationFormats.json(answers, q.facts().incomplete())) + "\n");
        java.nio.file.Files.writeString(out.resolve("privesc.html"), dev.gatehouse.report.EscalationGraph.html(
                "Who can become administrator: " + opts.facts, answers));
        files.add(out.resolve("privesc.json"));
        files.add(out.resolve("privesc.html"));
        PrintWriter o = spec.commandLine().getOut();
        o.println(rows.size() + " rows written to " + String.join(", ", files.stream().map(Path::toString).toList()));
        o.flush();
        return Main.ALLOWED;
    }
}
