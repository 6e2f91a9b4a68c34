package dev.gatehouse.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.cli.Main;
import dev.gatehouse.org.Facts;
import dev.gatehouse.policy.Json;
import dev.gatehouse.api.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (src/test/resources/bad-input/cases.json): each broken file gives its one-line
 * problem naming the file and the JSON pointer, is skipped or loaded as the case says, leaves what it
 * could not read marked incomplete (and questions about that refused with exit code 1), and everything
 * else still loads.
 */
class BadInputCorpusTest {
    static final String ALICE = "arn:aws:iam::111111111111:user/alice";
    static final String BOB = "arn:aws:iam::222222222222:user/bob";

    static Stream<Arguments> cases() throws Exception {
        JsonNode all = Json.parse(Files.readString(Path.of("src/test/resources/bad-input/cases.json")), "cases.json");
        return java.util.stream.StreamSupport.stream(all.get("cases").spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    static void base(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("accounts/111111111111/s3"));
        Files.createDirectories(dir.resolve("accounts/222222222222/s3"));
        Files.writeString(dir.resolve("organization.json"), """
                {"Id":"o-test","ManagementAccountId":"111111111111","Roots":[{"Id":"r-root"}],"OrganizationalUnits":[],
                 "Accounts":[{"Id":"111111111111","Name":"a","ParentId":"r-root"},{"Id":"222222222222","Name":"b","ParentId":"r-root"}],
                 "Policies":[]}""");
        Files.writeString(dir.resolve("accounts/111111111111/iam.json"), """
                {"UserDetailList":[{"UserName":"alice","Arn":"arn:aws:iam::111111111111:user/alice","GroupList":[],
                  "AttachedManagedPolicies":[],"UserPolicyList":[{"PolicyName":"read","PolicyDocument":{"Version":"2012-10-17",
                  "Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}],
                 "GroupDetailList":[],"RoleDetailList":[],"Policies":[]}""");
        Files.writeString(dir.resolve("accounts/111111111111/s3/good.json"), """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::good/*"}]}""");
        Files.writeString(dir.resolve("accounts/222222222222/iam.json"), """
                {"UserDetailList":[{"UserName":"bob","Arn":"arn:aws:iam::222222222222:user/bob","GroupList":[],
                  "AttachedManagedPolicies":[],"UserPolicyList":[]}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}""");
    }

    static int run(Path dir, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            String[] all = Stream.concat(Stream.of(args), Stream.of("--facts", dir.toString(), "--quiet")).toArray(String[]::new);
            return Main.run(all);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @org.junit.jupiter.api.Test
    void privescOverTheWholeFactsMarksAPrincipalWhosePoliciesCouldNotAllBeRead(@TempDir Path dir) throws Exception {
        base(dir);
        Files.writeString(dir.resolve("accounts/222222222222/iam.json"), """
                {"UserDetailList":[{"UserName":"bob","Arn":"arn:aws:iam::222222222222:user/bob","GroupList":["ghost"],
                  "AttachedManagedPolicies":[],"UserPolicyList":[]}],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}""");
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            Main.run("privesc", "--facts", dir.toString(), "--quiet", "--format", "json");
        } finally {
            System.setOut(out);
        }
        JsonNode root = Json.parse(buf.toString(StandardCharsets.UTF_8), "out");
        JsonNode bob = null;
        for (JsonNode p : root.get("principals")) {
            if (p.get("principal").asText().equals(BOB)) {
                bob = p;
            }
        }
        assertNotNull(bob);
        assertTrue(bob.get("incomplete").asText().startsWith("some of its policies could not be read, so it may have more access "
                + "than shown: "), bob.toString());
        assertTrue(bob.get("incomplete").asText().contains("group `ghost` is not in GroupDetailList"), bob.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputGivesItsErrorAndTheRestLoads(String name, JsonNode c, @TempDir Path dir) throws Exception {
        base(dir);
        Path file = dir.resolve(c.get("file").asText());
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        switch (c.path("kind").asText("file")) {
            case "directory" -> Files.createDirectories(file);
            case "dangling-link" -> Files.createSymbolicLink(file, dir.resolve("no-such-file.json"));
            case "fifo" -> org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", file.toString()).start().waitFor() == 0,
                    "mkfifo is not available");
            case "link-outside" -> {
                Path outside = Files.createTempFile("gatehouse-outside", ".json");
                outside.toFile().deleteOnExit();
                Files.writeString(outside, "{\"secret\": \"hunter2\"}");
                Files.createSymbolicLink(file, outside);
            }
            case "device-link" -> {
                org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
                Files.createSymbolicLink(file, Path.of("/dev/zero"));
            }
            default -> Files.write(file, c.has("hex") ? HexFormat.of().parseHex(c.get("hex").asText())
                    : c.get("content").asText().getBytes(StandardCharsets.UTF_8));
        }
        Facts f = FactsLoader.load(dir);
        List<String> problems = f.problems().stream().map(Problem::toString).toList();
        for (JsonNode e : c.get("expect")) {
            String want = e.asText();
            boolean found = want.startsWith(":") ? problems.stream().anyMatch(p -> p.startsWith(file + want))
                    : problems.stream().anyMatch(p -> p.contains(want));
            assertTrue(found, name + ": expected a problem " + (want.startsWith(":") ? file + want : want) + ", found " + problems);
        }
        if (c.get("expect").isEmpty()) {
            assertEquals(List.of(), problems, name);
        }
        // each problem carries its code of the catalog (ProblemCode): the codes the case expects, and no other
        java.util.Set<String> codes = new java.util.TreeSet<>();
        f.problems().forEach(p -> codes.add(p.code().code()));
        java.util.Set<String> wantCodes = new java.util.TreeSet<>();
        c.path("codes").forEach(x -> wantCodes.add(x.asText()));
        assertEquals(wantCodes, codes, name + ": " + problems);
        for (String p : problems) {
            assertFalse(p.contains("hunter2"), "nothing of a file outside the folder is shown: " + p);
            assertFalse(p.contains("\n"), "one line per problem");
            assertFalse(p.contains("Exception"), "no stack trace or exception name reaches the user: " + p);
        }
        if (c.get("skipped").asBoolean()) {
            Path gone = c.has("skippedPath") ? dir.resolve(c.get("skippedPath").asText()) : file;
            assertTrue(f.skipped().stream().anyMatch(s -> s.startsWith(gone.toString())), name + ": " + f.skipped());
            assertTrue(f.summary().contains(" skipped: " + gone), f.summary());
        } else {
            assertEquals(List.of(), f.skipped(), name);
        }
        assertTrue(f.summary().matches("\\d+ files? loaded.*"), f.summary());
        assertNotNull(f.principals().get(ALICE), name + ": the other account still loads");
        assertNotNull(f.resources().get("arn:aws:s3:::good"), name + ": the other files still load");
        assertEquals(c.get("bobLoads").asBoolean(), f.principals().containsKey(BOB), name);
        List<String> incomplete = new java.util.ArrayList<>();
        c.get("incomplete").forEach(x -> incomplete.add(x.asText()));
        assertEquals(incomplete.stream().sorted().toList(), f.incomplete().keySet().stream().sorted().toList(), name);
        // what could not be read is not answered as if it were complete: exit code 1
        for (String key : incomplete) {
            if (key.startsWith("arn:aws:s3:::")) {
                assertEquals(Main.ERROR, run(dir, "who-can", "--resource", key + "/x", "--action", "s3:GetObject"), name);
            } else if (key.contains(":user/")) {
                assertEquals(Main.ERROR, run(dir, "what-can", "--principal", key), name);
                assertEquals(Main.ERROR, run(dir, "privesc", "--principal", key), name);
            } else if (key.contains(":role/")) {
                assertEquals(Main.ERROR, run(dir, "who-can-assume", "--role", key), name);
            } else {
                assertEquals(Main.ERROR, run(dir, "who-can", "--resource", "arn:aws:s3:::somewhere/x", "--resource-account", key,
                        "--action", "s3:GetObject"), name);
            }
        }
        // and a question about what did load is still answered
        assertEquals(Main.ALLOWED, run(dir, "who-can", "--resource", "arn:aws:s3:::good/x", "--action", "s3:GetObject"), name);
    }
}
