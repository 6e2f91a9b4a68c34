package dev.gatehouse.query;

import dev.gatehouse.api.Verdict;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.org.Facts;
import dev.gatehouse.policy.ActionCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The questions of facts/README.md and the answers an auditor should get: principals, decisions, paths and reasons. */
class ExampleOrganizationTest {
    static final String PROD = "arn:aws:iam::111111111111:";
    static final String DEV = "arn:aws:iam::222222222222:";
    static final String SEC = "arn:aws:iam::333333333333:";
    static final String MGMT = "arn:aws:iam::100000000001:";
    static Questions q;

    @BeforeAll
    static void load() {
        Facts f = FactsLoader.load(Path.of("facts"));
        assertEquals(List.of(), f.problems(), "the example loads without problems");
        assertEquals(9, f.loaded().size());
        q = new Questions(f, RuleBase.shipped(), dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")));
    }

    private static Map<String, Access> byPrincipal(List<Access> es) {
        Map<String, Access> m = new LinkedHashMap<>();
        es.forEach(e -> m.put(e.principal(), e));
        return m;
    }

    @Test
    void whoCanReadTheProdDataBucket() {
        Map<String, Access> m = byPrincipal(q.whoCan("arn:aws:s3:::acme-prod-data/reports/q3.csv", List.of("s3:GetObject"), true));
        assertEquals(List.of(PROD + "role/OrganizationAccountAccessRole", PROD + "role/analytics/DataScientist",
                PROD + "user/alice", PROD + "user/bob", PROD + "user/ops/ops-admin", SEC + "role/AuditRole",
                MGMT + "user/org-admin", SEC + "role/BreakGlassRole", SEC + "user/sec-analyst"), List.copyOf(m.keySet()));
        m.values().forEach(e -> assertEquals(Verdict.ALLOWED, e.decision(), e.principal()));
        assertTrue(m.get(PROD + "user/alice").grants().contains("identity policy DevReadOnly statement 0 (Sid ReadProdData)"));
        assertTrue(m.get(SEC + "role/AuditRole").grants().contains("bucket policy of acme-prod-data, statement 0 (Sid AuditRead)"),
                "the cross-account audit role is granted by the bucket policy naming it");
        assertTrue(m.get(PROD + "role/analytics/DataScientist").grants()
                .contains("boundary policy DataScienceBoundary statement 0 (Sid ReadOnlyS3)"));
        assertEquals(List.of(PROD + "role/OrganizationAccountAccessRole"), m.get(MGMT + "user/org-admin").via());
        assertEquals(List.of(SEC + "role/AuditRole"), m.get(SEC + "role/BreakGlassRole").via(), "the trust cycle terminates");
        assertEquals(List.of(SEC + "role/AuditRole"), m.get(SEC + "user/sec-analyst").via());
    }

    @Test
    void theBoundaryCapsTheDataScientistToReading() {
        Map<String, Access> m = byPrincipal(q.whoCan("arn:aws:s3:::acme-prod-data/reports/q3.csv", List.of("s3:PutObject"), true));
        assertEquals(List.of(PROD + "role/OrganizationAccountAccessRole", PROD + "user/ops/ops-admin", MGMT + "user/org-admin"),
                List.copyOf(m.keySet()));
        List<Access> what = q.whatCan(PROD + "role/analytics/DataScientist", "s3", null, ActionCatalog.shipped());
        assertTrue(what.stream().allMatch(e -> e.type().equals("s3 Read") || e.type().equals("s3 List")),
                what.stream().map(Access::type).collect(Collectors.toSet()).toString());
    }

    @Test
    void whoCanAssumeTheDeployRole() {
        Map<String, AssumePath> m = new LinkedHashMap<>();
        q.whoCanAssume(PROD + "role/DeployRole").forEach(p -> m.put(p.principal(), p));
        assertEquals(List.of(PROD + "role/OrganizationAccountAccessRole", PROD + "user/bob", PROD + "user/ops/ops-admin",
                DEV + "role/CiRole", MGMT + "user/org-admin", DEV + "role/LambdaAdminRole", DEV + "user/dave",
                "codebuild.amazonaws.com", "lambda.amazonaws.com"), List.copyOf(m.keySet()));
        AssumePath bob = m.get(PROD + "user/bob");
        assertTrue(bob.conditional(), "same-account principals need MFA: the trust statement names the account with a condition");
        assertEquals(List.of("if Bool aws:MultiFactorAuthPresent [true]"), bob.hops().get(0).conditions());
        assertTrue(bob.hops().get(0).grants().contains("identity policy AssumeDeploy statement 0 (Sid AssumeDeploy)"));
        assertTrue(bob.hops().get(0).grants().contains(
                "trust policy of DeployRole, statement 0 (Sid TeamWithMfa) if Bool aws:MultiFactorAuthPresent [true]"));
        AssumePath dave = m.get(DEV + "user/dave");
        assertEquals(List.of(DEV + "user/dave", DEV + "role/CiRole", PROD + "role/DeployRole"), dave.path());
        assertTrue(!dave.conditional());
        assertEquals(List.of("codebuild.amazonaws.com", DEV + "role/CiRole", PROD + "role/DeployRole"),
                m.get("codebuild.amazonaws.com").path());
        assertEquals(List.of(), q.canReach(PROD + "user/alice", PROD + "role/DeployRole"), "alice has no sts:AssumeRole");
    }

    @Test
    void thePublicAndTheExternalAccount() {
        Map<String, Access> pub = byPrincipal(q.whoCan("arn:aws:s3:::acme-dev-public/index.html", List.of("s3:GetObject"), true));
        assertEquals("public", pub.get("anonymous").type());
        assertEquals(Verdict.ALLOWED, pub.get("anonymous").decision());
        Access dave = pub.get(DEV + "user/dave");
        assertEquals(Verdict.CONDITIONAL, dave.decision(), "the dev OU's region lock leaves the request region open");
        assertEquals(List.of("unless StringNotEquals aws:RequestedRegion [us-east-1, eu-west-1]"), dave.conditions());
        Map<String, Access> shared = byPrincipal(q.whoCan("arn:aws:s3:::acme-dev-shared/feed.csv", List.of("s3:GetObject"), false));
        Access ext = shared.get("arn:aws:iam::999999999999:root");
        assertEquals("external-account", ext.type());
        assertEquals(Verdict.ALLOWED, ext.decision());
        assertTrue(ext.grants().contains("bucket policy of acme-dev-shared, statement 0 (Sid PartnerRead)"), ext.grants().toString());
    }

    @Test
    void fixingTheRequestRegionSettlesTheRegionLock() {
        Questions fixed = new Questions(FactsLoader.load(Path.of("facts")), RuleBase.shipped(),
                dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")).withContext("aws:RequestedRegion", "us-east-1"));
        Access dave = byPrincipal(fixed.whoCan("arn:aws:s3:::acme-dev-public/index.html", List.of("s3:GetObject"), true))
                .get(DEV + "user/dave");
        assertEquals(Verdict.ALLOWED, dave.decision(), dave.conditions().toString());
        fixed = new Questions(FactsLoader.load(Path.of("facts")), RuleBase.shipped(),
                dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")).withContext("aws:RequestedRegion", "ap-south-1"));
        assertTrue(!byPrincipal(fixed.whoCan("arn:aws:s3:::acme-dev-public/index.html", List.of("s3:GetObject"), true))
                .containsKey(DEV + "user/dave"), "outside the approved regions the SCP denies");
    }

    @Test
    void theRcpKeepsPrincipalsOutsideTheOrganizationOutOfProd() {
        // the prod artifacts bucket policy names the prod account; the RCP denies principals of other orgs
        Map<String, Access> m = byPrincipal(q.whoCan("arn:aws:s3:::acme-prod-artifacts/build.zip", List.of("s3:GetObject"), true));
        assertTrue(m.values().stream().allMatch(e -> e.decision() == Verdict.CONDITIONAL
                && e.conditions().contains("unless Bool aws:SecureTransport [false]")), "the TLS deny leaves transport open");
        assertTrue(!m.containsKey(PROD + "user/alice"), "alice's read policy covers only acme-prod-data");
    }

    @Test
    void whoCanDecryptWithTheKey() {
        Map<String, Access> m = byPrincipal(q.whoCan(
                "arn:aws:kms:us-east-1:111111111111:key/0a1b2c3d-1111-2222-3333-444455556666", List.of("kms:Decrypt"), true));
        assertEquals(List.of(PROD + "role/AppRole", PROD + "role/OrganizationAccountAccessRole", PROD + "user/ops/ops-admin",
                MGMT + "user/org-admin", "ec2.amazonaws.com"), List.copyOf(m.keySet()));
        assertTrue(m.get(PROD + "role/AppRole").grants().contains("key policy of 0a1b2c3d-1111-2222-3333-444455556666, statement 1 (Sid AppRoleUse)"));
    }

    @Test
    void whoCanBecomeAdministrator() {
        Map<String, EscalationAnswer> a = new LinkedHashMap<>();
        new Escalations(q, dev.gatehouse.engine.RuleBase.shipped()).analyze(null).answers().forEach(x -> a.put(x.principal(), x));
        assertEquals(List.of(MGMT + "user/org-admin", PROD + "role/OrganizationAccountAccessRole", PROD + "user/ops/ops-admin",
                DEV + "role/LambdaAdminRole", SEC + "role/BreakGlassRole"),
                a.values().stream().filter(EscalationAnswer::admin).map(EscalationAnswer::principal).toList());
        assertTrue(a.get(DEV + "role/LambdaAdminRole").adminConditional(), "dev's region lock denies every action but IAM's and STS's elsewhere");
        List<String> opsProof = a.get(PROD + "user/ops/ops-admin").adminProof();
        assertTrue(opsProof.get(0).startsWith("every action on every resource: Allowed by ")
                && opsProof.get(0).endsWith("identity policy AdministratorAccess statement 0"), opsProof.toString());
        assertEquals("except what DenyLeaveOrganization statement 0 (Sid DenyLeaveOrg) denies: organizations:leaveorganization",
                opsProof.get(1), "a Deny of some actions does not unmake an administrator, but it is named");
        EscalationAnswer bot = a.get(DEV + "user/build-bot");
        assertTrue(bot.canEscalate() && bot.conditional());
        EscalationStep s = bot.paths().get(0).get(0);
        assertEquals("iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction", s.edge());
        assertEquals(DEV + "role/LambdaAdminRole", s.to());
        String pass = s.proof().stream().filter(x -> x.startsWith("iam:PassRole (passed to lambda.amazonaws.com): Allowed by "))
                .findFirst().orElseThrow();
        assertTrue(pass.contains("identity policy DeployFunctions statement 0 (Sid PassTheFunctionRole)"), pass);
        assertTrue(pass.contains("scp FullAWSAccess at r-acme, ou-dev, 222222222222"), "every gate's Allow is named: " + pass);
        assertEquals(List.of("sts:AssumeRole", "sts:AssumeRole"),
                a.get(SEC + "user/sec-analyst").paths().get(0).stream().map(EscalationStep::edge).toList());
        assertEquals(List.of(DEV + "user/build-bot", SEC + "role/AuditRole", SEC + "user/sec-analyst"),
                a.values().stream().filter(EscalationAnswer::canEscalate).map(EscalationAnswer::principal).toList());
        // who can write the public dev bucket, counting escalation: build-bot, through the Lambda role
        String obj = "arn:aws:s3:::acme-dev-public/index.html";
        List<Access> direct = q.whoCan(obj, List.of("s3:PutObject"), true);
        assertTrue(direct.stream().noneMatch(e -> e.principal().equals(DEV + "user/build-bot")));
        List<Access> more = new Escalations(q, dev.gatehouse.engine.RuleBase.shipped())
                .whoCanThroughEscalation(obj, List.of("s3:PutObject"), direct, null);
        assertEquals(List.of(DEV + "user/build-bot"), more.stream().map(Access::principal).toList());
        assertEquals(List.of("iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → " + DEV + "role/LambdaAdminRole"),
                more.get(0).via());
        assertEquals(Verdict.CONDITIONAL, more.get(0).decision());
    }
}
