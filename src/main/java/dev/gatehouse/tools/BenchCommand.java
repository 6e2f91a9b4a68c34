package dev.gatehouse.tools;

import dev.gatehouse.tools.bench.DecisionBenchmark;
import dev.gatehouse.tools.bench.WholeProcesses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time Gatehouse as users feel it, side by side with the independent oracle in the same run, and the warm engine.",
                "Whole processes (wall time from start to exit, median of --runs after a warm-up, alternating with the oracle): "
                        + "evaluate --cases on one case; on the 10,000 requests of decisions-10k.json.gz (the oracle on their first 1,000); "
                        + "who-can on the iam-vulnerable export; report on the example organization.",
                "Then decisions per second, warm, single-threaded (JMH) over the same 10,000 requests."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "the benchmark requests (default: ${DEFAULT-VALUE})")
    String file = "../shared/data/bench/decisions-10k.json.gz";

    @Option(names = "--oracle", paramLabel = "PATH", description = "the oracle program; none: time Gatehouse alone (default: ${DEFAULT-VALUE})")
    String oracle = "../shared/oracle/oracle";

    @Option(names = "--gaad", paramLabel = "FILE", description = "the export who-can is timed on (default: ${DEFAULT-VALUE})")
    Path gaad = Path.of("../shared/data/gaad/iam-vulnerable-2023.json");

    @Option(names = "--facts", paramLabel = "DIR", description = "the organization the report is timed on (default: ${DEFAULT-VALUE})")
    Path facts = Path.of("facts");

    @Option(names = "--runs", description = "timed runs of each whole process (default: ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--no-jmh", description = "time the whole processes only")
    boolean noJmh;

    @Option(names = "--iterations", description = "measured JMH iterations of 2 s (default: ${DEFAULT-VALUE})")
    int iterations = 5;

    @Option(names = "--warmups", description = "JMH warm-up iterations of 2 s (default: ${DEFAULT-VALUE})")
    int warmups = 3;

    @Override
    public Integer call() throws RunnerException, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : List.of(Path.of(file), gaad, facts)) {
            if (!Files.exists(p)) {
                throw new dev.gatehouse.api.InputException(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.FILE_UNREADABLE,
                        p.toString(), "", "no such file"));
            }
        }
        List<String> theOracle = null;
        if (!oracle.equals("none")) {
            if (!Files.isExecutable(Path.of(oracle))) {
                throw new dev.gatehouse.api.InputException(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.FILE_UNREADABLE,
                        oracle, "", "the oracle is not there; give --oracle PATH, or --oracle none to time Gatehouse alone"));
            }
            theOracle = List.of(Path.of(oracle).toAbsolutePath().toString());
        }
        Path work = Files.createTempDirectory("gatehouse-bench");
        try {
            List<WholeProcesses.Row> rows = new WholeProcesses(launcher(), theOracle, runs, work, m -> {
                err.println("gatehouse: bench: " + m);
                err.flush();
            }).measure(Path.of(file).toAbsolutePath(), gaad.toAbsolutePath(), "arn:aws:s3:::some-bucket/x", facts.toAbsolutePath());
            out.printf("Whole processes, wall time, median (min–max) of %d runs after a warm-up; Gatehouse as `%s`:%n", runs,
                    String.join(" ", launcher()));
            out.printf("%-62s %-22s %-22s %s%n", "what", "gatehouse", "oracle", "");
            for (WholeProcesses.Row r : rows) {
                out.printf("%-62s %-22s %-22s %s%n", r.what(), r.gatehouse(), r.oracle() == null ? "–" : r.oracle(), r.ratio());
            }
            out.flush();
        } finally {
            try (var s = Files.walk(work)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (noJmh) {
            return 0;
        }
        Options opt = new OptionsBuilder()
                .include(DecisionBenchmark.class.getName() + ".decideAll")
                .param("file", Path.of(file).toAbsolutePath().toString())
                .forks(1).threads(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g")
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        out.println();
        for (RunResult r : results) {
            var s = r.getPrimaryResult().getStatistics();
            List<Double> values = new ArrayList<>();
            r.getBenchmarkResults().forEach(br -> br.getIterationResults()
                    .forEach(ir -> values.add(ir.getPrimaryResult().getScore())));
            out.printf("decisions per second (warm, 1 thread, JMH): median %.0f  (min %.0f, max %.0f, %d iterations)%n",
                    median(values), s.getMin(), s.getMax(), values.size());
        }
        out.flush();
        return 0;
    }

    /** How a user starts Gatehouse: the ./gatehouse launcher beside target/ when there is one, else this jar. */
    private static List<String> launcher() {
        Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toAbsolutePath();
        Path script = jar.getParent() == null || jar.getParent().getParent() == null ? null : jar.getParent().getParent().resolve("gatehouse");
        if (jar.toString().endsWith(".jar") && script != null && Files.isExecutable(script)) {
            return List.of(script.toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
