package dev.gatehouse.cli;

import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.api.ReportRow;

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
        if (!opts.format.equals("table") && !opts.format.equals("text")) {
            throw new dev.gatehouse.api.InputException(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.USAGE, "", "--format",
                    "does not apply to report, which writes report.json, report.csv and report.html (and the findings and "
                            + "escalation files) into --out; for one answer as JSON ask who-can, findings or privesc with --format json"));
        }
        OutputFiles.folder(out, "--out");
        OrgSnapshot org = opts.load(err);
        Progress progress = new Progress(err);
        List<ReportRow> rows = org.report(new ProgressListener() {
            @Override
            public void advanced(String task, int done, int total) {
                if (!opts.quiet) {
                    progress.advanced("report: resources", done, total);
                }
            }
        });
        // who can become administrator: privesc.json and the graph in privesc.html, linked from report.html
        List<dev.gatehouse.api.EscalationAnswer> answers = org.escalations(opts.stages(err));
        long admins = answers.stream().filter(dev.gatehouse.api.EscalationAnswer::admin).count();
        long esc = answers.stream().filter(dev.gatehouse.api.EscalationAnswer::canEscalate).count();
        // the findings first (findings.json has them with their locations)
        List<dev.gatehouse.api.Finding> findings = org.findings(rows, answers);
        java.util.Map<String, String> contents = ReportWriter.render(rows, "Gatehouse reachability report: " + opts.facts,
                dev.gatehouse.report.FindingFormats.html(findings)
                + "<p><b>Privilege escalation:</b> " + admins + " administrators, " + esc + " principals can become one — "
                        + "<a href=\"privesc.html\">the escalation graph and paths</a> (privesc.json).</p>\n", org.incomplete());
        contents.put("findings.json", dev.gatehouse.policy.Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(dev.gatehouse.report.FindingFormats.json(findings)) + "\n");
        contents.put("privesc.json", dev.gatehouse.policy.Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(dev.gatehouse.report.EscalationFormats.json(answers, org.incomplete())) + "\n");
        contents.put("privesc.html", dev.gatehouse.report.EscalationGraph.html("Who can become administrator: " + opts.facts, answers));
        List<Path> files = OutputFiles.publishSet(out, contents);
        PrintWriter o = spec.commandLine().getOut();
        o.println(dev.gatehouse.report.FindingFormats.summary(findings) + "; " + rows.size() + " rows written to " + String.join(", ", files.stream().map(Path::toString).toList()));
        // what could not be read: its rows are marked (column incomplete) and Conditional on what it may allow or deny; exit 1
        java.util.Map<String, String> incomplete = org.incomplete();
        if (!incomplete.isEmpty()) {
            long marked = rows.stream().filter(r -> r.incomplete() != null).count();
            o.println("INCOMPLETE: " + incomplete.size() + " principals, resources or accounts could not all be read; " + marked
                    + (marked == 1 ? " row rests" : " rows rest") + " on them (marked incomplete), and access through them may be "
                    + "more than shown:");
            incomplete.forEach((k, why) -> o.println("  " + dev.gatehouse.policy.Printable.line(k) + ": "
                    + dev.gatehouse.policy.Printable.line(why)));
        }
        o.flush();
        return incomplete.isEmpty() ? Main.ALLOWED : Main.ERROR;
    }
}
