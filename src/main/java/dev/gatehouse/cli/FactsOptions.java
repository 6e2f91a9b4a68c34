package dev.gatehouse.cli;

import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.org.Facts;
import dev.gatehouse.policy.Problem;
import dev.gatehouse.query.Questions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every question shares: where the facts are and how to print the answer. */
final class FactsOptions {
    @Option(names = "--facts", paramLabel = "PATH", description = "a facts directory or one GAAD file (default: ${DEFAULT-VALUE})")
    Path facts = Path.of("facts");

    @Option(names = "--format", paramLabel = "table|text|json|csv", description = "output format; text is the table "
            + "(default: ${DEFAULT-VALUE})")
    String format = "table";

    @Option(names = "--context", paramLabel = "KEY=VALUE", description = "fix a condition key of the call for every "
            + "request (e.g. aws:RequestedRegion=us-east-1, aws:SecureTransport=true); keys not fixed stay unknown and "
            + "answers that rest on them are Conditional; repeat a key for several values")
    java.util.List<String> context = new java.util.ArrayList<>();

    @Option(names = "--quiet", description = "do not print the loading summary and problems on standard error")
    boolean quiet;

    Questions load(PrintWriter err) {
        if (format.equals("text")) {
            format = "table";
        }
        if (!format.equals("table") && !format.equals("json") && !format.equals("csv")) {
            throw new dev.gatehouse.policy.InputException(new Problem("", "--format",
                    "expected `table` (or `text`), `json` or `csv`, found `" + format + "`"));
        }
        Facts f = FactsLoader.load(facts);
        if (!quiet) {
            for (Problem p : f.problems()) {
                err.println("gatehouse: " + p);
            }
            err.println("gatehouse: " + f.summary());
            if (!f.incomplete().isEmpty()) {
                List<String> names = f.incomplete().keySet().stream().sorted().limit(5).toList();
                err.println("gatehouse: " + f.incomplete().size() + " principals, resources or accounts have policies that could not "
                        + "be read, and answers about them may miss access: " + String.join(", ", names)
                        + (f.incomplete().size() > 5 ? ", …" : "") + " (questions about one of them are refused)");
            }
            err.flush();
        }
        Questions q = new Questions(f, RuleBase.shipped());
        java.util.Map<String, java.util.List<String>> fixed = new java.util.LinkedHashMap<>();
        for (String kv : context) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new dev.gatehouse.policy.InputException(new Problem("", "--context", "expected KEY=VALUE, found `" + kv + "`"));
            }
            fixed.computeIfAbsent(kv.substring(0, eq), k -> new java.util.ArrayList<>()).add(kv.substring(eq + 1));
        }
        fixed.forEach(q::fix);
        return q;
    }
}
