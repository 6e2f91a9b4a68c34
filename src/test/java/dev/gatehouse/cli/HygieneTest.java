package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command-line hygiene (issue "The auditor's experience", item 6): options that do not apply are refused rather than
 * ignored, and progress is one updating line on a terminal but plain lines in a log.
 */
class HygieneTest {
    @TempDir
    Path dir;

    @Test
    void reportRefusesAFormatItDoesNotWrite() {
        CliTest.Run r = CliTest.run("report", "--format", "json", "--out", dir.resolve("r").toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("--format: does not apply to report") && r.err().contains("[GH112]"), r.err());
        assertFalse(Files.exists(dir.resolve("r")), "nothing written for a refused command line");
    }

    @Test
    void casesWithExpectAreCheckedLikeATestRunner() throws Exception {
        Path cases = dir.resolve("cases.json");
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        Files.writeString(cases, "[{\"name\":\"alice reads\",\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\",\"identityPolicies\":[{\"name\":\"P\",\"policy\":" + doc + "}],"
                + "\"expect\":{\"decision\":\"Allowed\",\"allowedBy\":[\"identity:P#Read\"]}},"
                + "{\"name\":\"alice puts\",\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"action\":\"s3:PutObject\","
                + "\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\",\"identityPolicies\":[{\"name\":\"P\",\"policy\":" + doc + "}],"
                + "\"expect\":{\"decision\":\"Allowed\",\"allowedBy\":[\"identity:P#Read\"]}}]");
        CliTest.Run r = CliTest.run("evaluate", "--cases", cases.toString(), "--check");
        assertEquals(Main.DENIED, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  alice puts\n      decision: expected Allowed, got ImplicitlyDenied\n"
                + "      allowedBy: expected [identity:P#Read], got []\n      missing: expected [], got [identity]"), r.out());
        assertFalse(r.out().contains("FAIL  alice reads"), r.out());
        assertTrue(r.out().endsWith("2 cases: 1 passed, 1 failed\n"), r.out());
        CliTest.Run plain = CliTest.run("evaluate", "--cases", cases.toString());
        assertEquals(Main.ALLOWED, plain.code());
        assertTrue(plain.err().contains("2 of 2 cases carry an expect block; give --check to compare"), "not silently ignored: " + plain.err());
        CliTest.Run adHoc = CliTest.run("evaluate", "--check", "--principal", "arn:aws:iam::111111111111:user/alice", "--action",
                "s3:GetObject", "--resource", "arn:aws:s3:::b/k");
        assertTrue(adHoc.code() == Main.ERROR && adHoc.err().contains("--check: applies to --cases only"), adHoc.err());
    }

    @Test
    void anAdHocQuestionsErrorsNameItsFlagsAndItsPolicyFilesMayBeWhatTheAwsCliPrints() throws Exception {
        Path id = dir.resolve("id.json");
        Files.writeString(id, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}");
        CliTest.Run noAccount = CliTest.run("evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", id.toString());
        assertEquals(Main.ERROR, noAccount.code());
        assertTrue(noAccount.err().contains("missing --resource-account: the resource `arn:aws:s3:::b/k` names no account"), noAccount.err());
        assertFalse(noAccount.err().contains("resourceAccount"), "no JSON field names: " + noAccount.err());
        CliTest.Run badAccount = CliTest.run("evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--resource-account", "1111", id.toString());
        assertTrue(badAccount.err().contains("gatehouse: --resource-account: expected a 12-digit account id, found `1111`"), badAccount.err());
        // `aws s3api get-bucket-policy --bucket b > bp.json`: the policy is a JSON string under "Policy"
        Path bp = dir.resolve("bp.json");
        Files.writeString(bp, "{\"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Sid\\\":\\\"Public\\\","
                + "\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"arn:aws:s3:::b/*\\\"}]}\"}");
        CliTest.Run raw = CliTest.run("evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--resource-account", "111111111111", "--resource-policy", bp.toString(), id.toString());
        assertEquals(Main.ALLOWED, raw.code(), raw.err());
        assertTrue(raw.out().contains("allowed by:\n    resource policy bp.json statement 0 (Sid Public)"), raw.out());
        assertTrue(raw.out().contains("condition keys the request does not give are absent"), "the strict default is said: " + raw.out());
    }

    @Test
    void progressInALogIsPlainLinesAndOnATerminalOneLineUpdated() {
        StringWriter log = new StringWriter();
        Progress p = new Progress(new PrintWriter(log), false);
        for (int i = 1; i <= 3; i++) {
            p.advanced("report: resources", i, 3);
        }
        p.line("escalation: done");
        assertFalse(log.toString().contains("\r"), "no carriage return in a log: " + log);
        assertTrue(log.toString().contains("gatehouse: report: resources 3/3 ("), log.toString());
        assertTrue(log.toString().lines().allMatch(l -> l.startsWith("gatehouse: ")), log.toString());

        StringWriter tty = new StringWriter();
        Progress t = new Progress(new PrintWriter(tty), true);
        t.advanced("report: resources", 1, 3);
        t.line("escalation: started");
        t.advanced("report: resources", 3, 3);
        String s = tty.toString();
        assertTrue(s.startsWith("\rgatehouse: report: resources 1/3 (") && s.contains("\u001b[K\ngatehouse: escalation: started\n"),
                "the updating line is ended before a line of its own: " + s.replace("\r", "\\r").replace("\u001b", "\\e"));
        assertTrue(s.endsWith("3/3 (0 s)\u001b[K\n") || s.matches("(?s).*3/3 \\(\\d+ s\\)\u001b\\[K\n$"), s.replace("\u001b", "\\e"));
    }
}
