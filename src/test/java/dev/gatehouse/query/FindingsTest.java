package dev.gatehouse.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.SharedData;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in findings (rules/findings/) on the example organization and on the iam-vulnerable export: each kind
 * found where the facts say it must be, with its proof and a location that points at the statement responsible.
 */
class FindingsTest {
    @TempDir
    Path dir;

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.type().code() + " " + f.subject() + (f.principal() == null || f.principal().equals(f.subject())
                ? "" : " " + f.principal()) + " " + f.decision().word()).toList();
    }

    private static Finding one(List<Finding> findings, String code, String subject) {
        return findings.stream().filter(f -> f.type().code().equals(code) && f.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " " + subject + " not in " + keys(findings)));
    }

    @Test
    void theExampleOrganizationHasTheFindingsItsReadmeDescribes() throws Exception {
        OrgSnapshot org = Gatehouse.load(Path.of("facts"));
        List<Finding> f = org.findings(ProgressListener.NONE);
        assertEquals(List.of(
                "GHF001 arn:aws:s3:::acme-dev-public anonymous Allowed",
                "GHF002 arn:aws:s3:::acme-dev-shared arn:aws:iam::999999999999:root Allowed",
                "GHF006 arn:aws:iam::222222222222:user/build-bot Conditional",
                "GHF006 arn:aws:iam::333333333333:role/AuditRole Allowed",
                "GHF006 arn:aws:iam::333333333333:user/sec-analyst Allowed",
                "GHF004 arn:aws:iam::111111111111:role/DeployRole arn:aws:iam::222222222222:root Allowed",
                "GHF004 arn:aws:iam::111111111111:role/OrganizationAccountAccessRole arn:aws:iam::100000000001:root Allowed",
                "GHF005 arn:aws:iam::100000000001:user/org-admin Allowed",
                "GHF005 arn:aws:iam::111111111111:role/OrganizationAccountAccessRole Allowed",
                "GHF005 arn:aws:iam::111111111111:user/ops/ops-admin Allowed",
                "GHF005 arn:aws:iam::222222222222:role/LambdaAdminRole Conditional",
                "GHF005 arn:aws:iam::333333333333:role/BreakGlassRole Allowed"), keys(f), "sorted by severity, then code and subject");

        // with the reasons: the statements that grant it, and where they are
        Finding open = one(f, "GHF001", "arn:aws:s3:::acme-dev-public");
        assertTrue(open.proof().contains("bucket policy of acme-dev-public, statement 0 (Sid PublicRead)"), open.proof().toString());
        assertEquals("read", open.detail());
        assertEquals(new Finding.Location("facts/accounts/222222222222/resources.json", "/0/policy/Statement/0"), open.location(),
                "the statement with Principal \"*\"");
        Finding partner = one(f, "GHF002", "arn:aws:s3:::acme-dev-shared");
        assertEquals("read from outside organization o-acme12345", partner.detail());
        assertTrue(partner.proof().stream().anyMatch(p -> p.contains("Sid PartnerRead")), partner.proof().toString());
        Finding trust = one(f, "GHF004", "arn:aws:iam::111111111111:role/DeployRole");
        assertEquals(new Finding.Location("facts/accounts/111111111111/iam.json", "/RoleDetailList/1/AssumeRolePolicyDocument/Statement/1"),
                trust.location());
        JsonNode st = Json.mapper().readTree(Path.of(trust.location().file()).toFile()).at(trust.location().pointer());
        assertEquals("CiPipeline", st.get("Sid").asText(), "the location is the statement itself");
        assertTrue(st.path("Condition").isMissingNode(), "and it has no condition");
        Finding bot = one(f, "GHF006", "arn:aws:iam::222222222222:user/build-bot");
        assertTrue(bot.proof().get(0).contains("LambdaAdminRole (iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction)"), bot.proof().toString());
        assertTrue(bot.proof().stream().anyMatch(p -> p.contains("Sid PassTheFunctionRole")), bot.proof().toString());
        assertEquals("/UserDetailList/1", bot.location().pointer());
        assertEquals("build-bot", Json.mapper().readTree(Path.of(bot.location().file()).toFile()).at(bot.location().pointer())
                .get("UserName").asText());
        // DeployRole's other trust statement names the account with an MFA condition: no finding of its own
        assertEquals(1, f.stream().filter(x -> x.type().code().equals("GHF004") && x.subject().endsWith("DeployRole")).count());
    }

    @Test
    void theIamVulnerableExportHasItsEscalationsAndItsOutsideTrusts() {
        OrgSnapshot org = Gatehouse.load(SharedData.path("data/gaad/iam-vulnerable-2023.json"));
        List<Finding> f = org.findings(ProgressListener.NONE);
        Map<String, Long> by = f.stream().collect(Collectors.groupingBy(x -> x.type().code(), TreeMap::new, Collectors.counting()));
        long escalating = org.escalations(ProgressListener.NONE).stream().filter(a -> !a.admin() && a.canEscalate()).count();
        assertEquals(escalating, by.get("GHF006"), "one GHF006 per principal that can escalate");
        assertTrue(escalating > 30, "the lab's escalation paths: " + escalating);
        long admins = org.escalations(ProgressListener.NONE).stream().filter(a -> a.admin()).count();
        assertEquals(admins, by.get("GHF005"));
        // no organization in a single export: the zone of trust is the account, and a role trusting another account is found
        Finding outside = f.stream().filter(x -> x.type().code().equals("GHF003")).findFirst().orElseThrow();
        assertTrue(outside.detail().startsWith("assume from outside account "), outside.detail());
        for (Finding x : f) {
            if (x.type().code().equals("GHF006")) {
                assertTrue(x.proof().get(0).startsWith("path: → "), x.proof().toString());
                assertNotNull(x.location(), x.subject());
            }
        }
    }

    @Test
    void theZoneOfTrustIsTheOrganizationWhenThereIsOneElseTheAccount() throws Exception {
        Path a = dir.resolve("facts/accounts/111111111111");
        Files.createDirectories(a);
        Files.writeString(a.resolve("iam.json"), "{\"UserDetailList\":[],\"GroupDetailList\":[],\"RoleDetailList\":[],\"Policies\":[]}");
        Files.writeString(a.resolve("resources.json"), "[{\"arn\":\"arn:aws:sqs:us-east-1:111111111111:jobs\",\"policy\":{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Sid\":\"Sister\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"222222222222\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}}]");
        List<Finding> alone = Gatehouse.load(dir.resolve("facts")).findings(ProgressListener.NONE);
        Finding f = one(alone, "GHF002", "arn:aws:sqs:us-east-1:111111111111:jobs");
        assertEquals("write from outside account 111111111111", f.detail());
        assertEquals(Verdict.ALLOWED, f.decision());
        assertEquals("/0/policy/Statement/0", f.location().pointer(), "the statement that names the sister account");
        // with an organization that holds both accounts, the sister account is inside
        Files.writeString(dir.resolve("facts/organization.json"), "{\"Id\":\"o-both\",\"ManagementAccountId\":\"111111111111\","
                + "\"Roots\":[{\"Id\":\"r-1\"}],\"OrganizationalUnits\":[],\"Accounts\":[{\"Id\":\"111111111111\",\"ParentId\":\"r-1\"},"
                + "{\"Id\":\"222222222222\",\"ParentId\":\"r-1\"}],\"Policies\":[]}");
        List<Finding> both = Gatehouse.load(dir.resolve("facts")).findings(ProgressListener.NONE);
        assertTrue(both.stream().noneMatch(x -> x.type().code().equals("GHF002")), keys(both).toString());
        // and what could not be read is a finding
        Files.writeString(a.resolve("resources.json"), "[{\"arn\":\"arn:aws:sqs:us-east-1:111111111111:jobs\",\"policy\":\"{not json\"}]");
        Finding unread = one(Gatehouse.load(dir.resolve("facts")).findings(ProgressListener.NONE), "GHF007",
                "arn:aws:sqs:us-east-1:111111111111:jobs");
        assertEquals(Verdict.CONDITIONAL, unread.decision());
    }

    @Test
    void everyCodeTheRulesNameIsInTheCatalog() throws Exception {
        String rules = Files.readString(Path.of("rules/findings/20-findings.drl"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(GHF\\d{3})\"").matcher(rules);
        java.util.Set<String> named = new java.util.TreeSet<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        java.util.Set<String> catalog = FindingType.catalog().stream().map(FindingType::code).collect(Collectors.toCollection(java.util.TreeSet::new));
        // the rules name every code of the catalog but those of gatehouse diff
        catalog.removeAll(java.util.Set.of("GHF008", "GHF009"));
        assertEquals(catalog, named);
    }
}
