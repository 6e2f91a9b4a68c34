package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse check} on the example organization: rules that hold, rules that fail with their proofs, bad rules. */
class CheckTest {
    @TempDir
    Path dir;

    private static final String PASSING = """
            rules:
              - id: prod-data-stays-inside
                kind: no-outside-access
                resources: "arn:aws:s3:::acme-prod-*"
              - id: deploy-role
                kind: assumable-only-by
                role: arn:aws:iam::111111111111:role/DeployRole
                principals: ["arn:aws:iam::222222222222:*", "arn:aws:iam::111111111111:*", "arn:aws:iam::100000000001:user/org-admin",
                             "*.amazonaws.com"]
            """;

    private static final String FAILING = """
            rules:
              - id: dev-buckets-stay-inside
                description: nothing outside the organization reads the dev buckets
                kind: no-outside-access
                resources: "arn:aws:s3:::acme-dev-*"
                access: [read]
              - id: approved-admins
                kind: only-administrators
                principals: ["arn:aws:iam::100000000001:user/org-admin", "arn:aws:iam::*:role/OrganizationAccountAccessRole",
                             "arn:aws:iam::111111111111:user/ops/ops-admin", "arn:aws:iam::333333333333:role/BreakGlassRole",
                             "arn:aws:iam::222222222222:role/LambdaAdminRole"]
              - id: dev-stays-out-of-prod
                kind: no-assume-across
                from-account: "222222222222"
                to-account: "111111111111"
              - id: deploy-role-only-ci
                kind: assumable-only-by
                role: arn:aws:iam::111111111111:role/DeployRole
                principals: ["arn:aws:iam::222222222222:role/CiRole"]
            """;

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void rulesThatHoldExitZero() throws Exception {
        CliTest.Run r = CliTest.run("check", "--rules", file("ok.yaml", PASSING).toString(), "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("all 2 rules hold"), r.out());
        assertTrue(r.out().contains("PASS  prod-data-stays-inside"), r.out());
    }

    @Test
    void rulesThatFailExitTwoWithEveryViolationAndItsProof() throws Exception {
        CliTest.Run r = CliTest.run("check", "--rules", file("fail.yaml", FAILING).toString(), "--quiet", "--format", "json");
        assertEquals(2, r.code(), r.err());
        JsonNode out = Json.mapper().readTree(r.out());
        assertEquals(4, out.size());
        JsonNode devRule = out.get(0);
        assertEquals(false, devRule.get("holds").asBoolean());
        assertEquals(List.of("arn:aws:s3:::acme-dev-public anonymous", "arn:aws:s3:::acme-dev-shared arn:aws:iam::999999999999:root"),
                violations(devRule));
        assertTrue(devRule.at("/violations/1/proof").toString().contains("Sid PartnerRead"), devRule.toString());
        assertEquals("facts/accounts/222222222222/resources.json", devRule.at("/violations/1/location/file").asText());
        // who is or can become administrator beyond the approved five
        assertEquals(List.of("arn:aws:iam::222222222222:user/build-bot arn:aws:iam::222222222222:user/build-bot",
                "arn:aws:iam::333333333333:role/AuditRole arn:aws:iam::333333333333:role/AuditRole",
                "arn:aws:iam::333333333333:user/sec-analyst arn:aws:iam::333333333333:user/sec-analyst"), violations(out.get(1)).stream().sorted().toList());
        assertTrue(out.get(1).toString().contains("path: arn:aws:iam::333333333333:role/BreakGlassRole (sts:AssumeRole)"), out.get(1).toString());
        // dev's principals reach prod's DeployRole: CiRole by the trust policy's CiPipeline statement, the others through it
        List<String> across = violations(out.get(2));
        assertTrue(across.contains("arn:aws:iam::111111111111:role/DeployRole arn:aws:iam::222222222222:role/CiRole"), across.toString());
        assertTrue(across.contains("arn:aws:iam::111111111111:role/DeployRole arn:aws:iam::222222222222:user/dave"), across.toString());
        assertTrue(across.stream().allMatch(v -> v.contains(":222222222222:")), across.toString());
        assertTrue(out.get(2).get("violations").get(0).toString().contains("CiPipeline"), out.get(2).toString());
        assertTrue(violations(out.get(3)).contains("arn:aws:iam::111111111111:role/DeployRole arn:aws:iam::222222222222:user/dave"));
        assertTrue(!violations(out.get(3)).contains("arn:aws:iam::111111111111:role/DeployRole arn:aws:iam::222222222222:role/CiRole"));

        CliTest.Run text = CliTest.run("check", "--rules", dir.resolve("fail.yaml").toString(), "--quiet");
        assertTrue(text.out().startsWith("check " + dir.resolve("fail.yaml") + " on facts: 4 of 4 rules fail"), text.out());
        assertTrue(text.out().contains("FAIL  dev-buckets-stay-inside  (no-outside-access) nothing outside the organization reads the dev "
                + "buckets: 2 violations"), text.out());

        CliTest.Run sarif = CliTest.run("check", "--rules", dir.resolve("fail.yaml").toString(), "--quiet", "--format", "sarif");
        JsonNode s = Json.mapper().readTree(sarif.out());
        assertEquals(java.util.Set.of(), dev.gatehouse.report.SarifAccess.problems(s));
        assertEquals("dev-buckets-stay-inside", s.at("/runs/0/results/0/ruleId").asText());
        assertEquals("/1/policy", s.at("/runs/0/results/1/locations/0/logicalLocations/0/fullyQualifiedName").asText());
    }

    private static List<String> violations(JsonNode rule) {
        List<String> out = new ArrayList<>();
        rule.get("violations").forEach(v -> out.add(v.get("resource").asText() + " " + v.get("principal").asText()));
        return out;
    }

    @Test
    void aBadRulesFileIsOneLocatedLineEachAndExitOne() throws Exception {
        Path bad = file("bad.json", "{\"rules\": [{\"id\": \"a\", \"kind\": \"no-outside-acess\"}, {\"id\": \"a\", \"kind\": \"only-administrators\","
                + " \"principal\": []}]}");
        CliTest.Run r = CliTest.run("check", "--rules", bad.toString(), "--quiet");
        assertEquals(1, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of(
                "gatehouse: " + bad + ": /rules/0/kind: expected one of assumable-only-by, no-assume-across, no-outside-access, "
                        + "only-administrators, found `no-outside-acess` [GH106]",
                "gatehouse: " + bad + ": /rules/1/id: the id `a` is given twice [GH114]",
                "gatehouse: " + bad + ": /rules/1/principals: a rule of kind only-administrators needs `principals` [GH102]",
                "gatehouse: " + bad + ": /rules/1/principal: a rule of kind only-administrators has no `principal` [GH103]"), lines);
    }
}
