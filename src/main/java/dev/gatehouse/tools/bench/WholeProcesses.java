package dev.gatehouse.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.TextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What users feel: whole processes, timed from start to exit (what {@code /usr/bin/time} reports as elapsed),
 * each command run after one untimed warm-up (the page cache, the oracle's first npm install), then
 * {@code runs} times, alternating Gatehouse and the oracle so both see the same machine. Medians, with min and max.
 */
public final class WholeProcesses {
    /** Median, fastest and slowest of a command's runs, in seconds. */
    public record Figures(double median, double min, double max) {
        @Override
        public String toString() {
            return String.format("%.2f s (%.2f–%.2f)", median, min, max);
        }
    }

    /** One row of the table: what was run, Gatehouse's figures and the oracle's (null when the oracle does not run it). */
    public record Row(String what, Figures gatehouse, Figures oracle, String ratio) {
    }

    private final List<String> gatehouse;
    private final List<String> oracle;
    private final int runs;
    private final Path work;
    private final Consumer<String> progress;

    /**
     * @param gatehouse the command that starts Gatehouse ({@code ./gatehouse}, or {@code java -jar …})
     * @param oracle the oracle program, or null to time Gatehouse alone
     */
    public WholeProcesses(List<String> gatehouse, List<String> oracle, int runs, Path work, Consumer<String> progress) {
        this.gatehouse = List.copyOf(gatehouse);
        this.oracle = oracle == null ? null : List.copyOf(oracle);
        this.runs = runs;
        this.work = work;
        this.progress = progress;
    }

    /** The table: one case, the benchmark file (the oracle on its first 1,000 requests), who-can on an export, the report. */
    public List<Row> measure(Path benchmark, Path gaad, String gaadResource, Path facts) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        Path one = work.resolve("one-case.json");
        Files.writeString(one, """
                [{"name":"one","principal":"arn:aws:iam::111111111111:user/alice","action":"s3:GetObject",
                  "resource":"arn:aws:s3:::b/k","resourceAccount":"111111111111",
                  "identityPolicies":[{"name":"read","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}]
                """);
        Figures[] oneCase = pair("evaluate --cases, one case", cmd(gatehouse, "evaluate", "--cases", one.toString()),
                oracle == null ? null : cmd(oracle, one.toString()));
        rows.add(new Row("evaluate --cases on one case", oneCase[0], oneCase[1],
                oneCase[1] == null ? "" : String.format("%.1f× the oracle's time", oneCase[0].median() / oneCase[1].median())));

        JsonNode all = Json.parse(TextFile.read(benchmark), benchmark.toString());
        int n = all.get("requests").size();
        int m = Math.min(1000, n);
        ObjectNode first = Json.mapper().createObjectNode();
        first.set("defaults", all.get("defaults"));
        ArrayNode reqs = first.putArray("requests");
        for (int i = 0; i < m; i++) {
            reqs.add(all.get("requests").get(i));
        }
        Path subset = work.resolve("first-" + m + ".json");
        Files.writeString(subset, Json.mapper().writeValueAsString(first));
        Figures[] many = pair("evaluate --cases, " + n + " requests", cmd(gatehouse, "evaluate", "--cases", benchmark.toString()),
                oracle == null ? null : cmd(oracle, subset.toString()));
        String ratio = "";
        if (many[1] != null) {
            double ours = n / many[0].median();
            double theirs = m / many[1].median();
            ratio = String.format("%,.0f vs %,.0f decisions/s: %.0f× the oracle's throughput (oracle on the first %,d)", ours, theirs,
                    ours / theirs, m);
        } else {
            ratio = String.format("%,.0f decisions/s", n / many[0].median());
        }
        rows.add(new Row(String.format("evaluate --cases on %s (%,d requests)", benchmark.getFileName(), n), many[0], many[1], ratio));

        Figures who = pair("who-can", cmd(gatehouse, "who-can", "--facts", gaad.toString(), "--resource", gaadResource,
                "--action", "s3:GetObject", "--quiet"), null)[0];
        rows.add(new Row("who-can s3:GetObject on " + gaad.getFileName(), who, null, ""));
        Path out = work.resolve("report");
        Figures report = pair("report", cmd(gatehouse, "report", "--facts", facts.toString(), "--out", out.toString(), "--quiet"), null)[0];
        rows.add(new Row("report on " + facts, report, null, ""));
        return rows;
    }

    private static List<String> cmd(List<String> base, String... args) {
        List<String> c = new ArrayList<>(base);
        c.addAll(List.of(args));
        return c;
    }

    private Figures[] pair(String what, List<String> ours, List<String> theirs) throws IOException, InterruptedException {
        progress.accept("timing " + what + " (" + runs + " runs after a warm-up" + (theirs == null ? ")" : ", alternating with the oracle)"));
        once(ours);
        if (theirs != null) {
            once(theirs);
        }
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            a.add(once(ours));
            if (theirs != null) {
                b.add(once(theirs));
            }
        }
        return new Figures[] {figures(a), theirs == null ? null : figures(b)};
    }

    private double once(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        // evaluate exits 0; who-can 0 when answered; the report 0 (or 1 when the facts were not all read)
        if (code != 0) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` exited with " + code + "; run it by hand to see why");
        }
        return s;
    }

    private static Figures figures(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int k = s.size();
        double median = k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
        return new Figures(median, s.get(0), s.get(k - 1));
    }
}
