package dev.gatehouse.tools;

import dev.gatehouse.tools.bench.DecisionBenchmark;
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
        description = {"Run the decision benchmark (JMH) and the start-up measurement, and print their numbers.",
                "Decisions per second: warm, single-threaded, over the 10,000 requests of decisions-10k.json.gz.",
                "Start to first decision: wall time of a fresh JVM running `evaluate --cases` on one case."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", description = "the benchmark requests (default: ${DEFAULT-VALUE})")
    String file = "../shared/data/bench/decisions-10k.json.gz";

    @Option(names = "--iterations", description = "measured JMH iterations of 2 s (default: ${DEFAULT-VALUE})")
    int iterations = 5;

    @Option(names = "--warmups", description = "JMH warm-up iterations of 2 s (default: ${DEFAULT-VALUE})")
    int warmups = 3;

    @Option(names = "--startups", description = "fresh JVMs to time for start to first decision (default: ${DEFAULT-VALUE})")
    int startups = 5;

    @Override
    public Integer call() throws RunnerException, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(Path.of(file))) {
            throw new dev.gatehouse.api.InputException(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.FILE_UNREADABLE, file, "", "no such file"));
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
            out.printf("decisions per second (warm, 1 thread): median %.0f  (min %.0f, max %.0f, %d iterations)%n",
                    median(values), s.getMin(), s.getMax(), values.size());
        }
        out.printf("start to first decision (fresh JVM, %d runs): median %.0f ms%n", startups, startup());
        out.flush();
        return 0;
    }

    private double startup() throws IOException, InterruptedException {
        Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path one = Files.createTempFile("gatehouse-one-case", ".json");
        Files.writeString(one, """
                {"name":"one","principal":"arn:aws:iam::111111111111:user/alice","action":"s3:GetObject",
                 "resource":"arn:aws:s3:::b/k","resourceAccount":"111111111111",
                 "identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}]}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < startups; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-jar", jar.toString(), "evaluate", "--cases",
                    one.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the start-up run failed with exit code " + p.exitValue());
            }
            times.add((System.nanoTime() - t0) / 1e6);
        }
        Files.deleteIfExists(one);
        return median(times);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
