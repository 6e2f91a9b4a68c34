package dev.gatehouse.cli;

import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.api.Severity;
import dev.gatehouse.report.FindingFormats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "findings", mixinStandardHelpOptions = true,
        description = {"The built-in findings of the facts, most severe first, each with its proof and where in the facts the "
                + "statement responsible was read: public access (GHF001), access and role assumption from outside the zone of "
                + "trust — the organization, or the account when the facts hold none (GHF002, GHF003), cross-account trusts "
                + "without a condition (GHF004), administrators (GHF005), who can become one (GHF006), input that could not be "
                + "read (GHF007). --format sarif writes SARIF 2.1.0 for code-scanning dashboards; --catalog lists the kinds "
                + "with what each means and how to fix it.",
                "",
                "Exit code 0, or 2 when a finding is at least --fail-on; 1 on bad input."})
public final class FindingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FactsOptions opts;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "exit 2 when a finding is this severe or more: "
            + "critical, high, medium, low, info (default: never)")
    String failOn;

    @Option(names = "--out", paramLabel = "FILE", description = "write the findings into this file (written whole) instead of "
            + "standard output")
    Path out;

    @Option(names = "--catalog", description = "list the kinds of finding (code, severity, title, what it means, how to fix it) and stop")
    boolean catalog;

    @Override
    public Integer call() throws Exception {
        Severity threshold = severity("--fail-on", failOn);
        opts.formats = List.of("table", "json", "sarif");
        PrintWriter o = spec.commandLine().getOut();
        if (catalog) {
            for (FindingType t : FindingType.catalog()) {
                o.printf("%s  %-8s  %s%n          %s%n          fix: %s%n", t.code(), t.severity().word(), t.title(), t.means(), t.fix());
            }
            o.flush();
            return Main.ALLOWED;
        }
        if (out != null) {
            OutputFiles.file(out, "--out");
        }
        OrgSnapshot org = opts.load(spec.commandLine().getErr());
        List<Finding> findings = org.findings(opts.stages(spec.commandLine().getErr()));
        String text = switch (opts.format) {
            case "json" -> dev.gatehouse.policy.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(FindingFormats.json(findings)) + "\n";
            case "sarif" -> dev.gatehouse.policy.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(FindingFormats.sarif(findings)) + "\n";
            default -> FindingFormats.text(findings);
        };
        if (out != null) {
            OutputFiles.publish(out.toAbsolutePath().getParent(), Map.of(out.getFileName().toString(), text));
            o.println(FindingFormats.summary(findings) + " written to " + out);
        } else {
            o.print(text);
        }
        o.flush();
        return threshold != null && findings.stream().anyMatch(f -> f.type().severity().compareTo(threshold) <= 0) ? Main.DENIED : Main.ALLOWED;
    }

    static Severity severity(String option, String word) {
        if (word == null) {
            return null;
        }
        Severity s = Severity.of(word.toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, "expected critical, high, medium, low or info, found `" + word + "`"));
        }
        return s;
    }
}
