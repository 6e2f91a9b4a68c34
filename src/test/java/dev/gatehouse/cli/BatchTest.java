package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many questions in one process give what each command gives alone, with each question's exit code. */
class BatchTest {
    @TempDir
    Path dir;

    private static final String DAVE = "arn:aws:iam::222222222222:user/dave";
    private static final String DEPLOY = "arn:aws:iam::111111111111:role/DeployRole";

    @Test
    void eachAnswerIsTheAnswerOfItsCommandAlone() throws Exception {
        Path q = dir.resolve("questions.txt");
        Files.writeString(q, String.join("\n",
                "# the example organization's questions",
                "who-can --resource arn:aws:s3:::acme-prod-data/reports/q3.csv --access read",
                "",
                "can-reach --from " + DAVE + " --to " + DEPLOY,
                "can-reach --from arn:aws:iam::111111111111:user/alice --to " + DEPLOY,
                "who-can-assume --role \"" + DEPLOY + "\"",
                "privesc --principal arn:aws:iam::222222222222:user/build-bot") + "\n");
        CliTest.Run batch = CliTest.run("batch", "--questions", q.toString(), "--format", "json", "--quiet");
        assertEquals(0, batch.code(), batch.err());
        List<JsonNode> lines = batch.out().lines().map(l -> Json.parse(l, "out")).toList();
        assertEquals(5, lines.size(), batch.out());
        assertEquals(2, lines.get(0).get("line").asInt());
        assertEquals(List.of(0, 0, 2, 0, 2), lines.stream().map(l -> l.get("exitCode").asInt()).toList(),
                "can-reach: 0 when it can, 2 when it cannot; privesc 2 when someone can escalate");
        String[][] alone = {
                {"who-can", "--resource", "arn:aws:s3:::acme-prod-data/reports/q3.csv", "--access", "read"},
                {"can-reach", "--from", DAVE, "--to", DEPLOY},
                {"can-reach", "--from", "arn:aws:iam::111111111111:user/alice", "--to", DEPLOY},
                {"who-can-assume", "--role", DEPLOY},
                {"privesc", "--principal", "arn:aws:iam::222222222222:user/build-bot"}};
        for (int i = 0; i < alone.length; i++) {
            String[] args = concat(alone[i], "--format", "json", "--quiet");
            CliTest.Run one = CliTest.run(args);
            assertEquals(one.code(), lines.get(i).get("exitCode").asInt(), String.join(" ", alone[i]));
            assertEquals(Json.parse(one.out(), "one"), lines.get(i).get("answer"), String.join(" ", alone[i]));
        }
        assertTrue(lines.get(1).get("answer").toString().contains("CiRole"), "dave reaches DeployRole through CiRole");
    }

    @Test
    void aBadLineIsNamedAndNothingIsAskedUntilTheFileIsRight() throws Exception {
        Path q = dir.resolve("questions.txt");
        Files.writeString(q, "who-can --resource arn:aws:s3:::acme-prod-data/x --action s3:GetObject\nreport --out x\n"
                + "what-can --facts other --principal arn:aws:iam::111111111111:user/alice\n");
        CliTest.Run batch = CliTest.run("batch", "--questions", q.toString());
        assertEquals(1, batch.code());
        assertEquals("", batch.out());
        assertTrue(batch.err().contains("questions.txt: line 2: `report` is not a question a batch asks"), batch.err());
        assertTrue(batch.err().contains("questions.txt: line 3: a question takes its facts from the batch"), batch.err());
    }

    @Test
    void aQuestionThatCannotBeAnsweredSaysWhyAndTheOthersAreStillAnswered() throws Exception {
        Path q = dir.resolve("questions.txt");
        Files.writeString(q, "can-reach --from arn:aws:iam::222222222222:user/nobody --to " + DEPLOY + "\n"
                + "who-can-assume --role " + DEPLOY + "\n");
        CliTest.Run batch = CliTest.run("batch", "--questions", q.toString(), "--quiet");
        assertEquals(1, batch.code(), "one question could not be answered");
        assertTrue(batch.err().contains("questions.txt line 1: "), batch.err());
        assertTrue(batch.out().contains("# line 2: who-can-assume"), batch.out());
        assertTrue(batch.out().contains("CiRole"), batch.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
