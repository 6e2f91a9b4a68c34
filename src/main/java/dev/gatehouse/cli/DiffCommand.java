package dev.gatehouse.cli;

import dev.gatehouse.api.AccessChange;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.policy.Json;
import dev.gatehouse.report.FindingFormats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Every access gained and lost between two facts folders of one organization (before and after a change): "
                + "who can read, write and manage each resource, who can assume each role, who is or can become administrator — "
                + "including what changes only through an SCP, RCP, boundary or trust policy — each change with the statements "
                + "that cause it. Unchanged facts give an empty diff.",
                "",
                "Exit code 0 when no access was gained, 2 when some was (a gate for \"no new access\"), 1 on bad input."})
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--before", paramLabel = "DIR", required = true, description = "the facts before the change")
    Path before;

    @Option(names = "--after", paramLabel = "DIR", required = true, description = "the facts after the change")
    Path after;

    @Option(names = "--format", paramLabel = "table|json|sarif", description = "output format (default: ${DEFAULT-VALUE}); "
            + "sarif gives each gain as a result of rule GHF008 and each loss of GHF009")
    String format = "table";

    @Option(names = "--quiet", description = "do not print the loading summaries and problems on standard error")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (format.equals("text")) {
            format = "table";
        }
        if (!List.of("table", "json", "sarif").contains(format)) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--format", "expected `table` (or `text`), `json` or `sarif`, found `"
                    + format + "`"));
        }
        PrintWriter err = spec.commandLine().getErr();
        OrgSnapshot b = load(before, "--before", null, err);
        OrgSnapshot a = load(after, "--after", b, err);
        List<AccessChange> changes = Gatehouse.diff(b, a, ProgressListener.NONE);
        long gained = changes.stream().filter(AccessChange::gained).count();
        PrintWriter o = spec.commandLine().getOut();
        switch (format) {
            case "json" -> o.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(changes.stream().map(c -> {
                var n = Json.mapper().createObjectNode();
                n.put("change", c.gained() ? "gained" : "lost").put("access", c.access()).put("resource", c.resource()).put("principal", c.principal())
                        .put("before", word(c.before())).put("after", word(c.after()));
                c.actions().forEach(n.putArray("actions")::add);
                c.because().forEach(n.putArray("because")::add);
                return n;
            }).toList()));
            case "sarif" -> o.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(FindingFormats.sarif(findings(changes, b, a))));
            default -> {
                o.println("diff " + before + " → " + after + ": " + gained + " gained, " + (changes.size() - gained) + " lost");
                for (AccessChange c : changes) {
                    o.printf("%-6s  %-13s %s  %s  (%s → %s)%s%n", c.gained() ? "GAINED" : "LOST", c.access(), c.resource(),
                            c.principal().equals(c.resource()) ? "" : c.principal(), word(c.before()), word(c.after()),
                            c.actions().isEmpty() ? "" : "  " + String.join(", ", c.actions()));
                    c.because().forEach(x -> o.println("        because: " + x));
                }
            }
        }
        o.flush();
        return gained > 0 ? Main.DENIED : Main.ALLOWED;
    }

    /** The facts of a directory: the organization before the change, or ({@code earlier} given) after it. */
    private OrgSnapshot load(Path dir, String option, OrgSnapshot earlier, PrintWriter err) {
        if (!java.nio.file.Files.exists(dir)) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, dir.toString(), option, "no such file or directory"));
        }
        // the organization after the change decides only what the change touched: the rest was decided before
        OrgSnapshot s = earlier == null ? Gatehouse.load(dir).remembering() : Gatehouse.loadAfter(dir, earlier);
        if (!quiet) {
            err.println("gatehouse: " + option.substring(2) + ": " + s.summary());
            s.problems().forEach(p -> err.println("gatehouse: " + Main.line(p)));
            err.flush();
        }
        return s;
    }

    private static String word(Verdict v) {
        return v == null ? "none" : v.word();
    }

    /** Each change as a finding of the catalog, located where the facts define its resource (after a gain, before a loss). */
    static List<Finding> findings(List<AccessChange> changes, OrgSnapshot before, OrgSnapshot after) {
        List<Finding> out = new ArrayList<>();
        for (AccessChange c : changes) {
            OrgSnapshot where = c.gained() ? after : before;
            out.add(new Finding(FindingType.of(c.gained() ? "GHF008" : "GHF009"), c.resource(), c.principal(),
                    c.gained() ? c.after() : c.before(), c.access() + ": " + word(c.before()) + " → " + word(c.after())
                    + (c.actions().isEmpty() ? "" : " (" + String.join(", ", c.actions()) + ")"), List.of(), c.because(), where.locationOf(c.resource())));
        }
        return out;
    }
}
