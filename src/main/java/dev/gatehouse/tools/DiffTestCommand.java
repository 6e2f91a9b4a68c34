package dev.gatehouse.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.tools.gen.DiffTest;
import dev.gatehouse.policy.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff-test", mixinStandardHelpOptions = true,
        description = {"Differential testing against the independent evaluator (needs node): generate seeded random "
                + "cases, decide them with Gatehouse and with the oracle, and print every disagreement that no named "
                + "divergence explains, with the whole case. Exit code 0 when none is unexplained."})
final class DiffTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", description = "cases to generate (default: ${DEFAULT-VALUE})")
    int count = 2000;

    @Option(names = "--seed", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--oracle", paramLabel = "PATH", description = "the oracle program (default: ${DEFAULT-VALUE})")
    Path oracle = Path.of("../shared/oracle/oracle");

    @Option(names = "--batch", description = "cases per oracle run (default: ${DEFAULT-VALUE})")
    int batch = 2000;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the unexplained cases to this file, "
            + "in the case format (ready for the corpus)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(oracle)) {
            throw new dev.gatehouse.api.InputException(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.FILE_UNREADABLE, oracle.toString(), "", "no such file"));
        }
        dev.gatehouse.cli.Progress progress = new dev.gatehouse.cli.Progress(err);
        DiffTest.Result r = DiffTest.run(count, seed, oracle, batch, done -> progress.advanced("diff-test: cases", done, count));
        o.printf("%d cases (seed %d): %d agree, %d disagree%n", r.cases(), seed, r.agreed(), r.disagreements().size());
        r.byDivergence().forEach((k, v) -> o.printf("  %5d  %s%n", v, k));
        var unexplained = r.unexplained();
        o.printf("  %5d  unexplained%n", unexplained.size());
        var arr = Json.mapper().createArrayNode();
        for (DiffTest.Disagreement d : unexplained) {
            o.println("gatehouse " + d.gatehouse() + ", oracle " + d.oracle() + ": " + d.kase());
            ObjectNode c = d.kase().deepCopy();
            arr.add(c);
        }
        if (out != null) {
            Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(arr) + "\n");
        }
        o.flush();
        return unexplained.isEmpty() ? Tools.OK : Tools.FAILED;
    }
}
