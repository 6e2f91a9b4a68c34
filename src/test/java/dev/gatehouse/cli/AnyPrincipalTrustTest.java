package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trust policy with {@code "Principal": {"AWS": "*"}} lets any principal of any AWS account assume the role
 * (IAM User Guide, "AWS JSON policy elements: Principal" — the cloudmapper demo's bad_role has one); with an
 * aws:PrincipalOrgID condition, only those of the organization. who-can-assume, who-can through the role and
 * the report list that principal, `arn:aws:iam::*:*`, Allowed or Conditional on the statement's conditions.
 */
class AnyPrincipalTrustTest {
    static final String ANY = "arn:aws:iam::*:*";

    @TempDir
    Path dir;

    static String role(String name, String condition) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"arn:aws:iam::111111111111:role/" + name + "\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Anyone\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"" + condition + "}]},\"AttachedManagedPolicies\":[],"
                + "\"InstanceProfileList\":[],\"RolePolicyList\":[{\"PolicyName\":\"read\",\"PolicyDocument\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data-bucket/*\"}]}}]}";
    }

    @Test
    void anyPrincipalOfAnyAccountIsListedWhereverTheRoleLeads() throws Exception {
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, "{\"GroupDetailList\":[],\"Policies\":[],\"UserDetailList\":[],\"RoleDetailList\":["
                + role("Open", "") + "," + role("OrgOnly", ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}}") + "]}");
        String facts = f.toString();
        JsonNode open = Json.mapper().readTree(CliTest.run("who-can-assume", "--facts", facts, "--role",
                "arn:aws:iam::111111111111:role/Open", "--format", "json", "--quiet").out());
        JsonNode any = find(open, ANY);
        assertTrue(any != null, open.toString());
        assertEquals("Allowed", any.get("decision").asText(), "some account's own policies allow it: the caller's own");
        assertTrue(any.toString().contains("trust policy of Open, statement 0 (Sid Anyone)"), open.toString());

        JsonNode org = Json.mapper().readTree(CliTest.run("who-can-assume", "--facts", facts, "--role",
                "arn:aws:iam::111111111111:role/OrgOnly", "--format", "json", "--quiet").out());
        JsonNode inOrg = find(org, ANY);
        assertEquals("Conditional", inOrg.get("decision").asText());
        assertTrue(inOrg.toString().contains("if StringEquals aws:PrincipalOrgID [o-abc123]"), org.toString());

        CliTest.Run wc = CliTest.run("who-can", "--facts", facts, "--resource", "arn:aws:s3:::data-bucket/x", "--resource-account",
                "111111111111", "--action", "s3:GetObject", "--format", "json", "--quiet");
        JsonNode through = null;
        for (JsonNode e : Json.mapper().readTree(wc.out())) {
            if (e.get("principal").asText().equals(ANY) && e.get("decision").asText().equals("Allowed")) {
                through = e;
            }
        }
        assertTrue(through != null, "any principal reads the bucket through the open role: " + wc.out());
        assertEquals("any-aws-principal", through.get("type").asText());
        assertEquals("arn:aws:iam::111111111111:role/Open", through.get("via").get(0).asText());

        Path out = dir.resolve("report");
        assertEquals(0, CliTest.run("report", "--facts", facts, "--out", out.toString(), "--quiet").code());
        String rows = Files.readString(out.resolve("report.json"));
        assertTrue(rows.contains("\"principal\" : \"" + ANY + "\""), rows);
    }

    static JsonNode find(JsonNode entries, String principal) {
        for (JsonNode e : entries) {
            if (e.get("principal").asText().equals(principal)) {
                return e;
            }
        }
        return null;
    }
}
