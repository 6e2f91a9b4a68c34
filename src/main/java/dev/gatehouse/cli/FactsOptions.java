package dev.gatehouse.cli;

import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Options;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--open-time", description = "leave aws:CurrentTime and aws:TokenIssueTime unknown (answers "
            + "resting on them are Conditional); by default every request is made now")
    boolean openTime;

    @Option(names = "--explain", description = "add to every row of a table the statements that grant it (its proof); JSON always has them")
    boolean explain;

    @Option(names = "--wide", description = "tables with every cell whole: full ARNs, and no wrapping to the terminal's width")
    boolean wide;

    /** The one account of the facts loaded, or null: a table then names its principals without it. */
    String soleAccount;

    /** Set by the batch command: its questions are asked of snapshots of the facts it loaded once. */
    Snapshots batch;

    /** The formats the command writes, the table first (a command may take others: sarif). */
    java.util.List<String> formats = java.util.List.of("table", "json", "csv");

    /** Loads the facts and prepares the snapshot every question of the command is asked of. */
    OrgSnapshot load(PrintWriter err) {
        return load(err, Map.of());
    }

    /** {@code owners}: the accounts of resources outside the facts whose ARN names none (--resource-account). */
    OrgSnapshot load(PrintWriter err, Map<String, String> owners) {
        if (format.equals("text")) {
            format = "table";
        }
        if (!formats.contains(format)) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--format", "expected `table` (or `text`), "
                    + String.join(", ", formats.subList(1, formats.size()).stream().map(f -> "`" + f + "`").toList()) + ", found `" + format + "`"));
        }
        Options o = batch == null ? Options.defaults() : batch.start();
        java.util.Map<String, Integer> values = new java.util.HashMap<>();
        for (String kv : context) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "--context", "expected KEY=VALUE, found `" + kv + "`"));
            }
            String many = dev.gatehouse.policy.AwsLimits.tooManyValues(values.merge(kv.substring(0, eq), 1, Integer::sum));
            if (many != null) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "--context", kv.substring(0, eq) + ": " + many));
            }
            contextKeyOption(kv.substring(0, eq));
            String again = dev.gatehouse.policy.ContextValues.sameKeyAs(kv.substring(0, eq), values.keySet());
            if (again != null) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "--context", again));
            }
            String why = dev.gatehouse.policy.ContextValues.check(kv.substring(0, eq), kv.substring(eq + 1));
            if (why != null) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "--context", kv.substring(0, eq) + ": " + why));
            }
            o = o.withContext(kv.substring(0, eq), kv.substring(eq + 1));
        }
        for (Map.Entry<String, String> e : owners.entrySet()) {
            o = o.withResourceAccount(e.getKey(), e.getValue());
        }
        if (openTime) {
            o = o.openTime();
        }
        if (batch != null) {
            OrgSnapshot s = batch.get(o);
            soleAccount = s.soleAccount();
            return s;
        }
        OrgSnapshot snapshot = Gatehouse.load(facts, o);
        soleAccount = snapshot.soleAccount();
        if (snapshot.isEmpty()) {
            // an answer over nothing ("0 principals") would pass for a clean one
            snapshot.problems().forEach(p -> err.println("gatehouse: " + Main.line(p)));
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, facts.toString(), "", "nothing was loaded: no principal "
                    + "and no resource (" + snapshot.summary() + "); expected a facts folder (accounts/<id>/iam.json, …) or a GAAD export"));
        }
        if (!quiet) {
            for (Problem p : snapshot.problems()) {
                err.println("gatehouse: " + Main.line(p));
            }
            err.println("gatehouse: " + snapshot.summary());
            Map<String, String> incomplete = snapshot.incomplete();
            if (!incomplete.isEmpty()) {
                List<String> names = incomplete.keySet().stream().sorted().limit(5).toList();
                err.println("gatehouse: " + incomplete.size() + (incomplete.size() == 1 ? " principal, resource or account has"
                        : " principals, resources or accounts have") + " policies that could not be read, and answers about them may miss access: " + dev.gatehouse.policy.Printable.line(String.join(", ", names))
                        + (incomplete.size() > 5 ? ", …" : "") + " (questions about one of them are refused)");
            }
            err.flush();
        }
        return snapshot;
    }

    /**
     * Prints the escalation analysis's stages on standard error, unless --quiet, and a long task's progress (the
     * report under findings and check): a line every 5 seconds and one at the end, each a line of its own.
     */
    ProgressListener stages(PrintWriter err) {
        Progress progress = new Progress(err);
        return quiet ? ProgressListener.NONE : new ProgressListener() {
            @Override
            public void stage(String message) {
                progress.line(message);
            }

            @Override
            public void advanced(String task, int done, int total) {
                progress.advanced(task, done, total);
            }
        };
    }

    /** Refuses an action the action catalog does not have ({@code s3:GetObjekt}), with the nearest, before any file is read. */
    static void actionOption(String option, String action) {
        String why = dev.gatehouse.policy.AwsNames.shipped().unknownAction(action);
        if (why != null) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, why));
        }
    }

    /** Refuses a condition key AWS does not have ({@code aws:SecureTransprot}), with the nearest, before any file is read. */
    static void contextKeyOption(String key) {
        String why = dev.gatehouse.policy.AwsNames.shipped().unknownConditionKey(key);
        if (why != null) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--context", why));
        }
    }

    /** Refuses an ARN option longer than AWS's ARNs (see AwsLimits), before any file is read. */
    static void arnOption(String option, String value) {
        String why = dev.gatehouse.policy.AwsLimits.arnTooLong(value);
        if (why != null) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, why));
        }
    }
}
