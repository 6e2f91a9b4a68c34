package dev.gatehouse.cli;

import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.AssumePath;
import dev.gatehouse.report.AnswerFormats;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** who-can-assume and can-reach: role assumption through trust policies, chained across accounts. */
final class AssumeCommands {
    private AssumeCommands() {
    }

    static void print(PrintWriter out, FactsOptions opts, List<AssumePath> paths, String title) throws Exception {
        List<String> header = List.of("principal", "decision", "path", "conditions", Output.INCOMPLETE);
        Output.print(out, opts, title, opts.explain ? AnswerFormats.explained(header) : header,
                sep -> opts.explain ? AnswerFormats.explainedPathRows(paths, sep) : AnswerFormats.pathRows(paths, sep),
                AnswerFormats.pathsJson(paths));
    }

    @Command(name = "who-can-assume", mixinStandardHelpOptions = true,
            description = "Every principal that can become the role through trust policies, directly or through a chain "
                    + "of roles across accounts, with the shortest path and the statements that allow each hop.")
    static final class WhoCanAssume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FactsOptions opts;

        @Option(names = "--role", required = true, paramLabel = "ARN", description = "a role of the facts")
        String role;

        @Override
        public Integer call() throws Exception {
            FactsOptions.arnOption("--role", role);
            OrgSnapshot org = opts.load(spec.commandLine().getErr());
            role = org.roleArn(role, "--role");
            List<AssumePath> paths = org.whoCanAssume(role);
            print(spec.commandLine().getOut(), opts, paths, "who can assume " + role + ": " + dev.gatehouse.policy.Printable.count(paths.stream().map(AssumePath::principal).distinct().count(), "principal"));
            return Output.exitCode(spec.commandLine().getOut(), opts.format, paths.stream().filter(p -> p.incomplete() != null).count(),
                    paths.size(), Main.ALLOWED);
        }
    }

    @Command(name = "can-reach", mixinStandardHelpOptions = true,
            description = "Whether a principal can become a role through role assumption, with the path as proof. "
                    + "Exit code 0 when it can, 3 when it can only under conditions, 2 when it cannot, 1 when --from or --to "
                    + "is not in the facts.")
    static final class CanReach implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FactsOptions opts;

        @Option(names = "--from", required = true, paramLabel = "ARN", description = "a principal")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ARN", description = "a role of the facts")
        String to;

        @Override
        public Integer call() throws Exception {
            FactsOptions.arnOption("--from", from);
            FactsOptions.arnOption("--to", to);
            OrgSnapshot org = opts.load(spec.commandLine().getErr());
            // a typo must not read as "cannot reach"
            if (!org.hasPrincipal(from) && !from.contains(".amazonaws.com") && !from.equals(dev.gatehouse.load.Callers.ANY_PRINCIPAL)) {
                from = org.principalArn(from, "--from");
            }
            if (!org.hasPrincipal(to)) {
                // a name of a user or role (a user is refused below), or an ARN of no role: the nearest roles
                to = to.startsWith("arn:") ? org.roleArn(to, "--to") : org.principalArn(to, "--to");
            }
            if (!org.hasRole(to)) {
                throw new InputException(new Problem(org.hasPrincipal(to) ? ProblemCode.USAGE : ProblemCode.NOT_IN_FACTS, "", "--to",
                        org.hasPrincipal(to) ? "`" + to + "` is a user: --to must be a role" : "the role `" + to + "` is not in the facts"));
            }
            List<AssumePath> paths = org.canReach(from, to);
            // a "no" about a principal whose policies could not all be read is no answer
            String unread = paths.isEmpty() ? org.incomplete().get(from) : null;
            if (unread != null) {
                throw new InputException(new Problem(ProblemCode.INCOMPLETE_SUBJECT, "", "--from", "cannot say that `" + from
                        + "` cannot reach " + to + ": " + unread));
            }
            // a "no" in a table names the nearest miss: what stops the one hop straight to the role
            List<String> why = paths.isEmpty() && !opts.format.equals("json") && !opts.format.equals("csv")
                    ? org.whyNot(from, "sts:AssumeRole", to) : List.of();
            print(spec.commandLine().getOut(), opts, paths, paths.isEmpty() ? from + " cannot reach " + to + (why.isEmpty() ? ""
                    : "\nwhy not, for the hop straight to it:\n  " + String.join("\n  ", why))
                    : from + " can reach " + to + (paths.get(0).conditional() ? " (under conditions)" : ""));
            int code = paths.isEmpty() ? Main.DENIED : paths.get(0).conditional() ? Main.CONDITIONAL : Main.ALLOWED;
            return Output.exitCode(spec.commandLine().getOut(), opts.format, paths.stream().filter(p -> p.incomplete() != null).count(),
                    paths.size(), code);
        }
    }
}
