package dev.gatehouse.tools.bench;

import dev.gatehouse.api.Decision;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.RequestCase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decisions per second on the 10,000-request benchmark file ({@code decisions-10k.json.gz}: one role
 * session, 20 identity policies × 10 statements, three SCP levels, one RCP level), warm and on one thread.
 * One operation is one decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {
    public static final int REQUESTS = 10_000;

    @Param("../shared/data/bench/decisions-10k.json.gz")
    public String file;

    private Evaluator evaluator;
    private List<Request> requests;

    @Setup
    public void setup() throws IOException {
        evaluator = new Evaluator(RuleBase.shipped());
        requests = load(Path.of(file));
        if (requests.size() != REQUESTS) {
            throw new IllegalStateException("expected " + REQUESTS + " requests in " + file + ", found " + requests.size());
        }
    }

    static List<Request> load(Path p) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(p)) {
            InputStream src = p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            text = new String(src.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Request> out = new ArrayList<>();
        for (RequestCase c : new CaseReader(p.toString()).read(text)) {
            if (!c.ok()) {
                throw new IllegalStateException(c.problems().toString());
            }
            out.add(c.request());
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public int decideAll() {
        int allowed = 0;
        for (Decision d : evaluator.evaluate(requests)) {
            allowed += d.allowed() ? 1 : 0;
        }
        return allowed;
    }
}
