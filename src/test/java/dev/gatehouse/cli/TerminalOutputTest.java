package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.SharedData;
import dev.gatehouse.report.Tables;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Terminal output that fits (issue "The auditor's experience", item 3): tables fitted to a width by wrapping, never by
 * cutting; principals of single-account facts by name with the account said once; {@code --wide} for everything
 * whole; counts of distinct principals, in the singular when there is one.
 */
class TerminalOutputTest {
    @Test
    void aTableFitsItsWidthAndKeepsEveryCharacter() {
        List<String> header = List.of("principal", "decision", "via");
        String arn = "arn:aws:iam::111111111111:role/analytics/DataScientistWithAVeryLongName";
        String via = "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole → arn:aws:iam::222222222222:role/DeployRole";
        List<List<String>> rows = List.of(List.of(arn, "Allowed", via), List.of("user/alice", "Conditional", ""));
        String t = Tables.table(header, rows, 60);
        assertTrue(t.lines().allMatch(l -> l.length() <= 60), t);
        String joined = t.lines().skip(2).map(l -> l.replace(" ", "")).reduce("", String::concat);
        for (String cell : List.of(arn, via.replace(" ", ""), "user/alice", "Conditional")) {
            assertTrue(joined.contains(cell.replace(" ", "").substring(0, Math.min(20, cell.replace(" ", "").length()))),
                    "wrapped, not cut: " + cell + "\n" + t);
        }
        assertTrue(t.lines().anyMatch(l -> l.startsWith("111111111111:role/ ")), "an ARN breaks after a slash or colon:\n" + t);
        assertEquals(Tables.table(header, rows), Tables.table(header, rows, 0), "width 0: no limit");
        assertTrue(Tables.table(header, rows, 0).lines().anyMatch(l -> l.length() > 60));
    }

    @Test
    void singleAccountFactsNamePrincipalsShortAndWideGivesWholeArns() {
        String gaad = SharedData.path("data/gaad/cloudmapper-demo.json").toString();
        CliTest.Run r = CliTest.run("who-can", "--facts", gaad, "--resource", "*", "--action", "iam:CreateUser", "--quiet");
        assertEquals(Main.ALLOWED, r.code(), r.err());
        String table = r.out();
        assertTrue(table.lines().findFirst().orElseThrow().endsWith("(account 123456789012; --wide for whole ARNs)"), table);
        assertTrue(table.contains("\nrole/bad_role ") && !table.contains("arn:aws:iam::123456789012:"), table);
        CliTest.Run wide = CliTest.run("who-can", "--facts", gaad, "--resource", "*", "--action", "iam:CreateUser", "--quiet", "--wide");
        assertTrue(wide.out().contains("\narn:aws:iam::123456789012:role/bad_role ") && !wide.out().contains("--wide for"), wide.out());
        CliTest.Run json = CliTest.run("who-can", "--facts", gaad, "--resource", "*", "--action", "iam:CreateUser", "--quiet", "--format", "json");
        assertTrue(json.out().contains("\"arn:aws:iam::123456789012:role/bad_role\""), "JSON keeps whole ARNs: " + json.out());
    }

    @Test
    void explainAddsEachRowsStatements() {
        CliTest.Run plain = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/x", "--action", "s3:GetObject", "--quiet");
        CliTest.Run r = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/x", "--action", "s3:GetObject", "--quiet", "--explain");
        assertFalse(plain.out().contains("statements"), plain.out());
        String audit = r.out().lines().filter(l -> l.startsWith("arn:aws:iam::333333333333:role/AuditRole ")).findFirst().orElseThrow();
        assertTrue(r.out().lines().skip(2).findFirst().orElseThrow().endsWith("conditions  statements"), r.out());
        assertTrue(r.out().contains("bucket policy of acme-prod-data, statement 0 (Sid AuditRead)"), "the proof on the row: " + audit + "\n" + r.out());
        CliTest.Run assume = CliTest.run("who-can-assume", "--role", "DeployRole", "--quiet", "--explain");
        assertTrue(assume.out().contains("arn:aws:iam::111111111111:role/DeployRole: trust policy of DeployRole, statement"), assume.out());
    }

    @Test
    void countsAreOfDistinctPrincipalsInTheSingularForOne() {
        CliTest.Run r = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/x", "--access", "read", "--quiet", "--format", "json");
        long distinct = dev.gatehouse.policy.Json.parse(r.out(), "out").findValues("principal").stream().map(n -> n.asText()).distinct().count();
        CliTest.Run t = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/x", "--access", "read", "--quiet");
        assertTrue(t.out().startsWith("who can read arn:aws:s3:::acme-prod-data/x: " + distinct + " principals\n"), distinct + "\n" + t.out());
        CliTest.Run perms = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data", "--access", "permissions", "--quiet");
        assertTrue(perms.out().startsWith("who can manage the permissions of arn:aws:s3:::acme-prod-data: "), "in words: " + perms.out());
        CliTest.Run one = CliTest.run("who-can-assume", "--role", "BreakGlassRole", "--quiet");
        assertFalse(one.out().contains(" 1 principals"), one.out());
        CliTest.Run elided = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/x", "--access", "read", "--quiet");
        assertTrue(elided.out().contains("19 actions (s3:GetObject, s3:GetObjectAcl, …; --wide lists them)"), elided.out());
        CliTest.Run all = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/x", "--access", "read", "--quiet", "--wide");
        assertTrue(all.out().contains("s3:GetObjectAttributes") && !all.out().contains("19 actions"), all.out());
    }
}
