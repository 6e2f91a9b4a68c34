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
import dev.gatehouse.api.InputException;
import dev.gatehouse.policy.Json;
import dev.gatehouse.api.Problem;
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
 * strings, removed fields), fed to the case reader, the evaluator and the facts loader; facts files are also
 * replaced by named pipes, links out of the folder or to a device, folders, duplicated into another account,
 * or given ARNs and value lists past AWS's sizes. Bad input may
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
        // the facts files to mutate, each in its place in a copy of the example organization (a GAAD export, the
        // CloudGoat scenario with its policy versions, organization.json with SCPs and RCPs, a bucket policy, resources.json)
        Path facts = dir.resolve("facts");
        copy(Path.of("facts"), facts);
        List<String[]> factFiles = List.of(
                new String[] {"accounts/111111111111/iam.json", Files.readString(Path.of("facts/accounts/111111111111/iam.json"))},
                new String[] {"accounts/111111111111/iam.json", Files.readString(dev.gatehouse.SharedData.path("data/scenarios/cloudgoat-iam_privesc_by_rollback.json"))
                        .replace("111111111111", "111111111111")},
                new String[] {"organization.json", Files.readString(Path.of("facts/organization.json"))},
                new String[] {"accounts/111111111111/s3/acme-prod-data.json", Files.readString(Path.of("facts/accounts/111111111111/s3/acme-prod-data.json"))},
                new String[] {"accounts/222222222222/resources.json", Files.readString(Path.of("facts/accounts/222222222222/resources.json"))});
        Evaluator ev = new Evaluator(RuleBase.shipped());
        int questions = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int runs = 0;
        while (System.nanoTime() < end) {
            boolean isFacts = rnd.nextInt(8) == 0;
            String[] file = factFiles.get(rnd.nextInt(factFiles.size()));
            String base = isFacts ? file[1] : seeds.get(rnd.nextInt(seeds.size()));
            String input = rnd.nextBoolean() ? mutateText(base, rnd) : mutateJson(base, rnd);
            long t0 = System.nanoTime();
            try {
                if (isFacts) {
                    Path target = facts.resolve(file[0]);
                    byte[] bytes = input.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (rnd.nextInt(10) == 0) {
                        bytes = mutateBytes(bytes, rnd);
                    }
                    Files.delete(target);
                    Path extra = null;
                    switch (rnd.nextInt(12)) {
                        // what is not a file's content: a named pipe, links out of the folder and to a device, a folder
                        case 0 -> fileSystem(target, rnd, dir);
                        // the same text a second time under another account (a duplicate of every user, role and bucket in it)
                        case 1 -> {
                            Files.write(target, bytes);
                            extra = facts.resolve("accounts/444444444444/" + file[0].substring(file[0].indexOf('/', 9) + 1));
                            Files.createDirectories(extra.getParent());
                            Files.write(extra, bytes);
                        }
                        // sizes past AWS's: an ARN of 3,000 characters, a key with 2,000 values
                        case 2 -> Files.writeString(target, overLimit(input, rnd));
                        default -> Files.write(target, bytes);
                    }
                    try {
                        dev.gatehouse.org.Facts f = FactsLoader.load(facts);
                        f.problems().forEach(FuzzTest::checkProblem);
                        // every few inputs, ask the questions over what loaded: privesc and who-can
                        if (rnd.nextInt(4) == 0) {
                            questions++;
                            dev.gatehouse.query.Questions q = new dev.gatehouse.query.Questions(f, RuleBase.shipped(), dev.gatehouse.api.Options.defaults());
                            new dev.gatehouse.query.Escalations(q, RuleBase.shipped()).analyze(null);
                            q.whoCan("arn:aws:s3:::acme-prod-data/x", List.of("s3:GetObject"), true);
                        }
                    } finally {
                        // what stands there may be a pipe, a link or a folder: removed first, never written through
                        if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.delete(target);
                        }
                        Files.deleteIfExists(target);
                        if (extra != null) {
                            Files.deleteIfExists(extra);
                        }
                        Files.writeString(target, file[0].contains("iam.json") ? factFiles.get(0)[1] : file[1]);
                    }
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
        System.out.println("fuzzed " + runs + " inputs in " + seconds + " s (seed " + seed + "), " + questions
                + " of them through privesc and who-can");
    }

    /** Puts at {@code target} what is not a file's content: a named pipe, a link out of the folder, a link to a device, a folder. */
    static void fileSystem(Path target, Random rnd, Path outside) throws Exception {
        switch (rnd.nextInt(4)) {
            case 0 -> {
                if (new ProcessBuilder("mkfifo", target.toString()).start().waitFor() != 0) {
                    Files.writeString(target, "{}");
                }
            }
            case 1 -> {
                Path secret = outside.resolve("outside-" + rnd.nextInt(1000) + ".json");
                Files.writeString(secret, "{\"UserDetailList\": []}");
                Files.createSymbolicLink(target, secret);
            }
            case 2 -> Files.createSymbolicLink(target, Path.of("/dev/zero"));
            default -> Files.createDirectory(target);
        }
    }

    /** The text with one of its ARNs made 3,000 characters long, or a list of 2,000 values where a string stood. */
    static String overLimit(String text, Random rnd) {
        int at = text.indexOf("arn:aws:", rnd.nextInt(Math.max(1, text.length())));
        if (at < 0) {
            at = text.indexOf("arn:aws:");
        }
        if (at >= 0 && rnd.nextBoolean()) {
            int end = text.indexOf('"', at);
            return end < 0 ? text : text.substring(0, end) + "x".repeat(3000) + text.substring(end);
        }
        int quote = text.indexOf(": \"", rnd.nextInt(Math.max(1, text.length())));
        if (quote < 0) {
            return text;
        }
        int end = text.indexOf('"', quote + 3);
        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            values.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
        }
        return end < 0 ? text : text.substring(0, quote + 2) + values.append(']') + text.substring(end + 1);
    }

    /** Byte-level damage: a byte order mark, a byte that is not UTF-8, a NUL. */
    static byte[] mutateBytes(byte[] b, Random rnd) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        switch (rnd.nextInt(4)) {
            case 0 -> out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
            case 1 -> out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
            default -> { }
        }
        int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
        out.write(b, 0, at);
        out.write(rnd.nextBoolean() ? 0xe9 : 0);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    static void copy(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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
