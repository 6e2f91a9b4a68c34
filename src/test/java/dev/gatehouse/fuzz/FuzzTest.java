package dev.gatehouse.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.load.RequestCase;
import dev.gatehouse.policy.InputException;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over the parsers: corpus cases and GAAD files, mutated as text (flipped,
 * dropped and inserted characters) and as JSON (wrong types, unknown operators, deep nesting, huge
 * strings, removed fields), fed to the case reader, the evaluator and the facts loader. Bad input may
 * only ever produce problems (one line each, with a file and a pointer) — never another exception, a
 * stack trace or a hang. Runs for {@code -Dgatehouse.fuzz.seconds} (default 5).
 */
class FuzzTest {
    @TempDir
    Path dir;

    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0",
            "\"Statement\"", "\"Effect\"", "\"Condition\"", "\"${aws:username\"", "\"arn:aws:iam::1:user/x\"", "\\u0000", "\uFFFF"};

    @Test
    void badInputNeverEscapesAsAnythingButProblems() throws Exception {
        long seconds = Long.getLong("gatehouse.fuzz.seconds", 5);
        long seed = Long.getLong("gatehouse.fuzz.seed", 20261128L);
        Random rnd = new Random(seed);
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/corpus"))) {
            for (Path p : s.sorted().toList()) {
                JsonNode doc = Json.parse(Files.readString(p), p.toString());
                doc.get("requests").forEach(r -> seeds.add(r.toString()));
            }
        }
        String gaad = Files.readString(Path.of("facts/accounts/111111111111/iam.json"));
        Evaluator ev = new Evaluator(RuleBase.shipped());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int runs = 0;
        while (System.nanoTime() < end) {
            boolean facts = rnd.nextInt(10) == 0;
            String base = facts ? gaad : seeds.get(rnd.nextInt(seeds.size()));
            String input = rnd.nextBoolean() ? mutateText(base, rnd) : mutateJson(base, rnd);
            long t0 = System.nanoTime();
            try {
                if (facts) {
                    Path acct = dir.resolve("facts").resolve("accounts/111111111111");
                    Files.createDirectories(acct);
                    Files.writeString(acct.resolve("iam.json"), input);
                    FactsLoader.load(dir.resolve("facts")).problems().forEach(FuzzTest::checkProblem);
                } else {
                    List<RequestCase> cases = new CaseReader("fuzz.json").read(input);
                    List<Request> ok = new ArrayList<>();
                    for (RequestCase c : cases) {
                        c.problems().forEach(FuzzTest::checkProblem);
                        if (c.ok()) {
                            ok.add(c.request());
                        }
                    }
                    ev.evaluate(ok);
                }
            } catch (InputException e) {
                e.problems().forEach(FuzzTest::checkProblem);
            } catch (Throwable t) {
                fail("input " + abbreviate(input) + " escaped as " + t, t);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, "input took " + ms + " ms: " + abbreviate(input));
            runs++;
        }
        assertTrue(runs > 100, "fuzzed " + runs + " inputs");
        System.out.println("fuzzed " + runs + " inputs in " + seconds + " s (seed " + seed + ")");
    }

    private static void checkProblem(Problem p) {
        String line = p.toString();
        assertTrue(!line.contains("\n") && !line.contains("Exception") && !line.contains("\tat "), "problem line: " + line);
        assertTrue(!p.message().isBlank(), "a problem says what is wrong");
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    static String mutateText(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n && sb.length() > 0; i++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 2 -> sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    static String mutateJson(String s, Random rnd) {
        JsonNode root;
        try {
            root = Json.parse(s, "seed");
        } catch (InputException e) {
            return s;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        JsonNode replacement = switch (rnd.nextInt(8)) {
            case 0 -> Json.mapper().getNodeFactory().numberNode(rnd.nextInt());
            case 1 -> Json.mapper().getNodeFactory().nullNode();
            case 2 -> Json.mapper().getNodeFactory().textNode("x".repeat(rnd.nextInt(200_000)));
            case 3 -> Json.mapper().createArrayNode();
            case 4 -> Json.mapper().createObjectNode().put("StringEqualz", "a");
            case 5 -> deep(rnd.nextInt(80));
            case 6 -> Json.mapper().getNodeFactory().booleanNode(true);
            default -> Json.mapper().createObjectNode();
        };
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            String k = names.get(rnd.nextInt(names.size()));
            if (rnd.nextInt(4) == 0) {
                o.remove(k);
            } else {
                o.set(k, replacement);
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            a.set(rnd.nextInt(a.size()), replacement);
        }
        return root.toString();
    }

    private static JsonNode deep(int depth) {
        JsonNode n = Json.mapper().createObjectNode();
        for (int i = 0; i < depth; i++) {
            n = Json.mapper().createArrayNode().add(n);
        }
        return n;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> collect(c, out));
        }
    }
}
