package dev.gatehouse.cli;

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

    static void print(PrintWriter out, String format, List<AssumePath> paths, String title) throws Exception {
        Output.print(out, format, title, List.of("principal", "decision", "path", "conditions"),
                sep -> AnswerFormats.pathRows(paths, sep), AnswerFormats.pathsJson(paths));
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
            List<AssumePath> paths = opts.load(spec.commandLine().getErr()).whoCanAssume(role);
            print(spec.commandLine().getOut(), opts.format, paths, "who can assume " + role + ": " + paths.size()
                    + (paths.size() == 1 ? " principal" : " principals"));
            return Main.ALLOWED;
        }
    }

    @Command(name = "can-reach", mixinStandardHelpOptions = true,
            description = "Whether a principal can become a role through role assumption, with the path as proof. "
                    + "Exit code 0 when it can (or can under conditions), 2 when it cannot.")
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
            List<AssumePath> paths = opts.load(spec.commandLine().getErr()).canReach(from, to);
            print(spec.commandLine().getOut(), opts.format, paths, paths.isEmpty() ? from + " cannot reach " + to
                    : from + " can reach " + to + (paths.get(0).conditional() ? " (under conditions)" : ""));
            return paths.isEmpty() ? Main.DENIED : Main.ALLOWED;
        }
    }
}
