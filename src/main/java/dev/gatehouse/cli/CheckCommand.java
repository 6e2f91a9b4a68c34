package dev.gatehouse.cli;

import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.ReportRow;
import dev.gatehouse.api.Severity;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.policy.Json;
import dev.gatehouse.query.Checks;
import dev.gatehouse.report.FindingFormats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks assertions about access, written as data (JSON, or YAML for .yaml/.yml), against the facts: "
                + "no-outside-access (nothing outside the zone of trust may read, write or manage matching resources), "
                + "only-administrators (only these principals are or can become administrator), no-assume-across (no principal "
                + "of one account may assume a role of another), assumable-only-by (who may assume a role, through any path). "
                + "Each failing rule is printed with every violation and its proof. See the README's section on CI.",
                "",
                "Exit code 0 when every rule holds, 2 when one fails, 1 on bad input (the rules file, the facts)."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FactsOptions opts;

    @Option(names = "--rules", paramLabel = "FILE", required = true, description = "the assertions (JSON or YAML)")
    Path rulesFile;

    @Override
    public Integer call() throws Exception {
        opts.formats = List.of("table", "json", "sarif");
        List<Checks.Rule> rules = Checks.read(rulesFile);
        OrgSnapshot org = opts.load(spec.commandLine().getErr());
        dev.gatehouse.api.ProgressListener progress = opts.stages(spec.commandLine().getErr());
        List<ReportRow> rows = org.report(progress);
        List<EscalationAnswer> answers = org.escalations(progress);
        List<Finding> findings = org.findings(rows, answers);
        List<Checks.Outcome> outcomes = Checks.check(rules, rows, answers, findings, org::locationOf);
        long failed = outcomes.stream().filter(o -> !o.holds()).count();
        PrintWriter o = spec.commandLine().getOut();
        switch (opts.format) {
            case "json" -> {
                var a = Json.mapper().createArrayNode();
                for (Checks.Outcome out : outcomes) {
                    var n = a.addObject().put("id", out.rule().id()).put("kind", out.rule().kind()).put("holds", out.holds());
                    var vs = n.putArray("violations");
                    for (Checks.Violation v : out.violations()) {
                        var x = vs.addObject().put("resource", v.resource()).put("principal", v.principal()).put("what", v.what());
                        v.proof().forEach(x.putArray("proof")::add);
                        if (v.location() != null) {
                            x.putObject("location").put("file", v.location().file()).put("pointer", v.location().pointer());
                        }
                    }
                }
                o.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a));
            }
            case "sarif" -> {
                List<FindingType> types = new ArrayList<>();
                List<Finding> results = new ArrayList<>();
                for (Checks.Outcome out : outcomes) {
                    String says = out.rule().description().isEmpty() ? out.rule().kind() + " (" + out.rule().file() + " " + out.rule().pointer() + ")"
                            : out.rule().description();
                    FindingType t = new FindingType(out.rule().id(), out.rule().kind(), says, Severity.HIGH, says,
                            "Remove the access named, or change the rule in " + out.rule().file() + " if the access is intended.");
                    types.add(t);
                    for (Checks.Violation v : out.violations()) {
                        results.add(new Finding(t, v.resource(), v.principal(), Verdict.ALLOWED, v.what(), List.of(), v.proof(), v.location()));
                    }
                }
                o.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(FindingFormats.sarif(results, types)));
            }
            default -> {
                o.println("check " + rulesFile + " on " + opts.facts + ": " + (failed == 0 ? "all " + outcomes.size() + " rules hold"
                        : failed + " of " + outcomes.size() + (outcomes.size() == 1 ? " rule fails" : " rules fail")));
                for (Checks.Outcome out : outcomes) {
                    o.println((out.holds() ? "PASS  " : "FAIL  ") + out.rule().id() + "  (" + out.rule().kind() + ")"
                            + (out.rule().description().isEmpty() ? "" : " " + out.rule().description())
                            + (out.holds() ? "" : ": " + out.violations().size() + (out.violations().size() == 1 ? " violation" : " violations")));
                    for (Checks.Violation v : out.violations()) {
                        o.println("      " + v.resource() + (v.principal() == null || v.principal().equals(v.resource()) ? "" : ": " + v.principal())
                                + " — " + v.what());
                        v.proof().forEach(p -> o.println("        proof: " + p));
                        if (v.location() != null) {
                            o.println("        at: " + v.location().file() + (v.location().pointer().isEmpty() ? "" : " " + v.location().pointer()));
                        }
                    }
                }
            }
        }
        o.flush();
        return failed == 0 ? Main.ALLOWED : Main.DENIED;
    }
}
