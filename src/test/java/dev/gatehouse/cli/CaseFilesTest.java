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

/**
 * Every case of a cases file gets its line, in file order, whatever the file's shape: JSON lines (which
 * once answered only the first line and exited 0), a list longer than one decision window, and
 * {"defaults", "requests"} in either order.
 */
class CaseFilesTest {
    @TempDir
    Path dir;

    private static String request(String name, String action) {
        return "{\"name\":\"" + name + "\",\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"action\":\"" + action
                + "\",\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\",\"identityPolicies\":[{\"name\":\"Read\",\"policy\":"
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Get\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}]}";
    }

    private static List<JsonNode> lines(CliTest.Run r) {
        return r.out().lines().map(l -> Json.parse(l, "out")).toList();
    }

    @Test
    void jsonLinesAnswerEveryLineAndABadLineIsAnErrorWhileTheOthersStillLoad() throws Exception {
        Path f = dir.resolve("cases.jsonl");
        Files.writeString(f, request("get", "s3:GetObject") + "\n{not json\n" + request("put", "s3:PutObject") + "\n");
        CliTest.Run r = CliTest.run("evaluate", "--cases", f.toString());
        List<JsonNode> out = lines(r);
        assertEquals(3, out.size(), r.out());
        assertEquals("Allowed", out.get(0).get("decision").asText());
        assertEquals("Read", out.get(0).get("allowedBy").get(0).get("policy").asText());
        assertEquals("line 2", out.get(1).get("name").asText());
        assertTrue(out.get(1).get("decision").asText().equals("Error"), out.get(1).toString());
        assertEquals("ImplicitlyDenied", out.get(2).get("decision").asText());
        assertEquals("identity", out.get(2).get("missing").get(0).get("gate").asText());
        assertEquals(1, r.code(), "a case that could not be read is not a clean exit");
        assertTrue(r.err().contains("line 2") && r.err().contains("invalid JSON"), r.err());
    }

    @Test
    void twoValuesOnOneLineAreRefusedNotHalfRead() throws Exception {
        Path f = dir.resolve("one-line.json");
        Files.writeString(f, request("a", "s3:GetObject") + " " + request("b", "s3:GetObject"));
        CliTest.Run r = CliTest.run("evaluate", "--cases", f.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("more than one JSON value on one line"), r.err());
    }

    @Test
    void aListLongerThanADecisionWindowKeepsEveryCaseInOrder() throws Exception {
        StringBuilder b = new StringBuilder("[");
        int n = 2500;
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(request("c" + i, i % 3 == 0 ? "s3:PutObject" : "s3:GetObject"));
        }
        Path f = dir.resolve("many.json");
        Files.writeString(f, b.append("]").toString());
        CliTest.Run r = CliTest.run("evaluate", "--cases", f.toString());
        List<JsonNode> out = lines(r);
        assertEquals(n, out.size());
        for (int i = 0; i < n; i++) {
            assertEquals("c" + i, out.get(i).get("name").asText());
            assertEquals(i % 3 == 0 ? "ImplicitlyDenied" : "Allowed", out.get(i).get("decision").asText(), "c" + i);
        }
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void defaultsApplyWhetherTheyComeBeforeOrAfterTheRequests() throws Exception {
        String defaults = "\"defaults\":{\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"resourceAccount\":\"111111111111\","
                + "\"identityPolicies\":[{\"name\":\"Read\",\"policy\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}]}";
        String requests = "\"requests\":[{\"name\":\"r\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"}]";
        for (String text : List.of("{" + defaults + "," + requests + "}", "{" + requests + "," + defaults + "}")) {
            Path f = dir.resolve("defaults.json");
            Files.writeString(f, text);
            CliTest.Run r = CliTest.run("evaluate", "--cases", f.toString());
            List<JsonNode> out = lines(r);
            assertEquals(1, out.size(), text);
            assertEquals("Allowed", out.get(0).get("decision").asText(), text);
            assertEquals("Read", out.get(0).get("allowedBy").get(0).get("policy").asText(), text);
        }
    }

    @Test
    void theReasonsOfTheDefaultsComeInTheSameOrderPastTheFirstDecisionWindow() throws Exception {
        StringBuilder pols = new StringBuilder();
        for (int k = 0; k < 12; k++) {
            pols.append(k == 0 ? "" : ",").append("{\"name\":\"policy-").append(k).append("\",\"policy\":{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}");
        }
        StringBuilder reqs = new StringBuilder();
        for (int i = 0; i < 1100; i++) {
            reqs.append(i == 0 ? "" : ",").append("{\"name\":\"r").append(i).append("\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"}");
        }
        Path f = dir.resolve("long.json");
        Files.writeString(f, "{\"defaults\":{\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"resourceAccount\":\"111111111111\","
                + "\"identityPolicies\":[" + pols + "]},\"requests\":[" + reqs + "]}");
        List<JsonNode> out = lines(CliTest.run("evaluate", "--cases", f.toString()));
        assertEquals(1100, out.size());
        assertEquals(12, out.get(0).get("allowedBy").size());
        assertEquals(out.get(0).get("allowedBy"), out.get(1099).get("allowedBy"), "the same statements in the same order");
    }
}
