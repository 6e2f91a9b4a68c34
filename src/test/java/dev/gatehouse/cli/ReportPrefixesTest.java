package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report asks every object prefix the policies in force name on a bucket (issue: grants limited to key
 * prefixes were missing). AWS evaluates a GetObject on vault-data/public/x against a statement on
 * vault-data/public/* like any other Resource pattern (IAM User Guide, "IAM JSON policy elements: Resource"),
 * so the public, a partner account and a team user each read their prefix; the report lists each of them,
 * on its prefix, as who-can on an object under it does.
 */
class ReportPrefixesTest {
    @TempDir
    Path dir;

    @Test
    void grantsLimitedToAPrefixAreReportedOnThatPrefix() throws Exception {
        Path acct = dir.resolve("facts/accounts/111111111111");
        Files.createDirectories(acct.resolve("s3"));
        Files.writeString(acct.resolve("iam.json"), "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],"
                + "\"UserDetailList\":[{\"UserName\":\"teamer\",\"Arn\":\"arn:aws:iam::111111111111:user/teamer\",\"Path\":\"/\","
                + "\"GroupList\":[],\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"team\",\"PolicyDocument\":"
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TeamPrefix\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
                + "\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::vault-data/team/*\"}]}}]}]}");
        Files.writeString(acct.resolve("s3/vault-data.json"), "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"PublicPrefix\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::vault-data/public/*\"},"
                + "{\"Sid\":\"PartnerFeeds\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::vault-data/feeds/partner/*\"}]}");
        String facts = dir.resolve("facts").toString();
        Path out = dir.resolve("out");
        CliTest.Run report = CliTest.run("report", "--facts", facts, "--out", out.toString(), "--quiet");
        assertEquals(0, report.code(), report.err());
        Set<String> rows = new TreeSet<>();
        for (JsonNode r : Json.mapper().readTree(Files.readString(out.resolve("report.json")))) {
            rows.add(r.get("resource").asText() + " " + r.get("access").asText() + " " + r.get("principal").asText() + " "
                    + r.get("decision").asText());
        }
        for (String want : Set.of("arn:aws:s3:::vault-data/public/* read anonymous Allowed",
                "arn:aws:s3:::vault-data/feeds/partner/* read arn:aws:iam::444455556666:root Allowed",
                "arn:aws:s3:::vault-data/team/* read arn:aws:iam::111111111111:user/teamer Allowed",
                "arn:aws:s3:::vault-data/team/* write arn:aws:iam::111111111111:user/teamer Allowed")) {
            assertTrue(rows.contains(want), want + " in " + rows);
        }
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("arn:aws:s3:::vault-data/team/* ") && r.contains("444455556666")),
                "the partner reads its own prefix and the public one (Principal * grants everyone), not the team's: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("arn:aws:s3:::vault-data/feeds/partner/* ") && r.contains("teamer")),
                "nor does the team user read the partner's: " + rows);
        // who-can on an object under each prefix lists the same principal
        for (String[] q : new String[][] {{"public/a.html", "anonymous"}, {"feeds/partner/f.csv", "arn:aws:iam::444455556666:root"},
                {"team/t.txt", "arn:aws:iam::111111111111:user/teamer"}}) {
            CliTest.Run wc = CliTest.run("who-can", "--facts", facts, "--resource", "arn:aws:s3:::vault-data/" + q[0], "--action",
                    "s3:GetObject", "--format", "json", "--quiet");
            assertTrue(wc.out().contains("\"principal\" : \"" + q[1] + "\""), q[0] + ": " + wc.out());
        }
    }
}
