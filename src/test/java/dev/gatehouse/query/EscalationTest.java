package dev.gatehouse.query;

import dev.gatehouse.api.Verdict;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

import dev.gatehouse.api.Access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.FactsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Privilege escalation against the iam-vulnerable lab (a real export with 31 paths and traps), the
 * CloudGoat rollback scenario, and small accounts written here for the cases the lab lacks. Each
 * expectation comes from the lab's scenario name and the policies in the export, not from a run.
 */
class EscalationTest {
    static final String ACCT = "arn:aws:iam::200611803367:";
    static Map<String, EscalationAnswer> lab;

    static Map<String, EscalationAnswer> analyze(Path facts) {
        Questions q = new Questions(FactsLoader.load(facts), RuleBase.shipped(), dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")));
        return new Escalations(q, RuleBase.shipped()).analyze(null).answers().stream()
                .collect(Collectors.toMap(EscalationAnswer::principal, a -> a));
    }

    @BeforeAll
    static void load() {
        lab = analyze(dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json"));
    }

    static String firstEdge(EscalationAnswer a) {
        return a.paths().get(0).get(0).edge();
    }

    /** Every lab user whose export holds a path: the first step of its shortest path is the lab's technique. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "privesc1-CreateNewPolicyVersion-user | iam:CreatePolicyVersion on " + ACCT + "policy/privesc1-CreateNewPolicyVersion | Allowed",
            "privesc3-CreateEC2WithExistingInstanceProfile-user | iam:PassRole+ec2:RunInstances | Allowed",
            "privesc4-CreateAccessKey-user | iam:CreateAccessKey | Allowed",
            "privesc5-CreateLoginProfile-user | iam:CreateLoginProfile | Allowed",
            "privesc6-UpdateLoginProfile-user | iam:UpdateLoginProfile | Conditional",
            "privesc7-AttachUserPolicy-user | iam:AttachUserPolicy | Allowed",
            "privesc8-AttachGroupPolicy-user | iam:AttachGroupPolicy on " + ACCT + "group/privesc8-AttachGroupPolicy-group | Allowed",
            "privesc10-PutUserPolicy-user | iam:PutUserPolicy | Allowed",
            "privesc11-PutGroupPolicy-user | iam:PutGroupPolicy on " + ACCT + "group/privesc11-PutGroupPolicy-group | Allowed",
            "privesc13-AddUserToGroup-user | iam:AddUserToGroup | Allowed",
            "privesc14-UpdatingAssumeRolePolicy-user | iam:UpdateAssumeRolePolicy | Allowed",
            "privesc15-PassExistingRoleToNewLambdaThenInvoke-user | iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction | Allowed",
            "privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo-user | iam:PassRole+lambda:CreateFunction+lambda:CreateEventSourceMapping | Allowed",
            "privesc17-EditExistingLambdaFunctionWithRole-user | lambda:UpdateFunctionCode | Conditional",
            "privesc18-PassExistingRoleToNewGlueDevEndpoint-user | iam:PassRole+glue:CreateDevEndpoint | Allowed",
            "privesc19-UpdateExistingGlueDevEndpoint-user | glue:UpdateDevEndpoint | Conditional",
            "privesc20-PassExistingRoleToCloudFormation-user | iam:PassRole+cloudformation:CreateStack | Allowed",
            "privesc21-PassExistingRoleToNewDataPipeline-user | iam:PassRole+datapipeline:CreatePipeline+datapipeline:PutPipelineDefinition+datapipeline:ActivatePipeline | Allowed",
            "privesc-CloudFormationUpdateStack-user | cloudformation:UpdateStack | Conditional",
            "privesc-codeBuildCreateProjectPassRole-user | iam:PassRole+codebuild:CreateProject+codebuild:StartBuild | Allowed",
            "privesc-ec2InstanceConnect-user | ec2-instance-connect:SendSSHPublicKey | Conditional",
            "privesc-sageMakerCreateNotebookPassRole-user | iam:PassRole+sagemaker:CreateNotebookInstance | Allowed",
            "privesc-sageMakerCreatePresignedNotebookURL-user | sagemaker:CreatePresignedNotebookInstanceUrl | Conditional",
            "privesc-sageMakerCreateProcessingJobPassRole-user | iam:PassRole+sagemaker:CreateProcessingJob | Allowed",
            "privesc-sageMakerCreateTrainingJobPassRole-user | iam:PassRole+sagemaker:CreateTrainingJob | Allowed",
            "privesc-ssmSendCommand-user | ssm:SendCommand | Conditional",
            "privesc-ssmStartSession-user | ssm:StartSession | Conditional",
            "privesc-sre-user | iam:AttachGroupPolicy on " + ACCT + "group/privesc-sre-group | Allowed",
            // the false-negative traps: each must be found
            "fn1-privesc3-partial-user | iam:PassRole+ec2:RunInstances | Allowed",
            "fn2-exploitableResourceConstraint-user | iam:CreatePolicyVersion on " + ACCT + "policy/fn2-exploitableResourceConstraint | Allowed",
            "fn3-exploitableConditionConstraint-user | iam:CreatePolicyVersion on " + ACCT + "policy/fn3-exploitableConditionConstraint | Allowed",
            "fn4-exploitableNotAction-user | iam:PutUserPolicy | Allowed",
    })
    void everyLabPathIsFoundWithItsTechnique(String user, String edge, String decision) {
        EscalationAnswer a = lab.get(ACCT + "user/" + user);
        assertFalse(a.admin(), user + " is not administrator to begin with");
        assertTrue(a.canEscalate(), user + " can escalate");
        assertEquals(decision, a.conditional() ? "Conditional" : "Allowed", user);
        assertTrue(a.paths().stream().anyMatch(p -> p.get(0).edge().equals(edge)),
                user + ": expected a shortest path starting with " + edge + ", found " + a.paths());
        EscalationStep first = a.paths().stream().filter(p -> p.get(0).edge().equals(edge)).findFirst().orElseThrow().get(0);
        assertEquals(ACCT + "user/" + user, first.from());
        assertFalse(first.proof().isEmpty(), "each step names the decided requests that prove it");
    }

    /** The lab's roles carry the same policies: every technique a role can use on itself or others is found for it too. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "privesc1-CreateNewPolicyVersion-role | iam:CreatePolicyVersion on " + ACCT + "policy/privesc1-CreateNewPolicyVersion | Allowed",
            "privesc3-CreateEC2WithExistingInstanceProfile-role | iam:PassRole+ec2:RunInstances | Allowed",
            "privesc4-CreateAccessKey-role | iam:CreateAccessKey | Allowed",
            "privesc5-CreateLoginProfile-role | iam:CreateLoginProfile | Allowed",
            "privesc6-UpdateLoginProfile-role | iam:UpdateLoginProfile | Conditional",
            "privesc9-AttachRolePolicy-role | iam:AttachRolePolicy | Allowed",
            "privesc12-PutRolePolicy-role | iam:PutRolePolicy | Allowed",
            "privesc14-UpdatingAssumeRolePolicy-role | iam:UpdateAssumeRolePolicy | Allowed",
            "privesc15-PassExistingRoleToNewLambdaThenInvoke-role | iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction | Allowed",
            "privesc17-EditExistingLambdaFunctionWithRole-role | lambda:UpdateFunctionCode | Conditional",
            "privesc20-PassExistingRoleToCloudFormation-role | iam:PassRole+cloudformation:CreateStack | Allowed",
            "privesc-sre-role | iam:AttachRolePolicy | Allowed",
            "fn1-privesc3-partial-role | iam:PassRole+ec2:RunInstances | Allowed",
            "fn4-exploitableNotAction-role | iam:PutRolePolicy | Allowed",
    })
    void theLabRolesEscalateByTheTechniquesARoleCanUse(String role, String edge, String decision) {
        EscalationAnswer a = lab.get(ACCT + "role/" + role);
        assertTrue(a.canEscalate(), role);
        assertEquals(decision, a.conditional() ? "Conditional" : "Allowed", role);
        assertTrue(a.paths().stream().anyMatch(p -> p.get(0).edge().equals(edge)), role + ": " + a.paths());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // techniques only a user can use on itself: a role cannot attach user policies to itself or join a group
            "privesc7-AttachUserPolicy-role", "privesc8-AttachGroupPolicy-role", "privesc10-PutUserPolicy-role",
            "privesc11-PutGroupPolicy-role", "privesc13-AddUserToGroup-role",
            "privesc2-SetExistingDefaultPolicyVersion-role",
            "fp1-allow-and-deny-role", "fp2-allow-and-deny-multiple-policies-role", "fp3-deny-iam-role",
            "fp4-nonExploitableResourceConstraint-role", "fp5-nonExploitableConditionConstraint-role",
    })
    void rolesWithUserOnlyTechniquesOrTrapsDoNotEscalate(String role) {
        assertFalse(lab.get(ACCT + "role/" + role).canEscalate(), role + ": " + lab.get(ACCT + "role/" + role).paths());
    }

    @Test
    void theProofNamesTheStatementThatAllowsEachRequest() {
        EscalationStep s = lab.get(ACCT + "user/privesc7-AttachUserPolicy-user").paths().get(0).get(0);
        assertEquals(ACCT + "user/privesc7-AttachUserPolicy-user [with a policy of its choosing]", s.to());
        assertEquals(List.of("iam:AttachUserPolicy: Allowed by identity policy privesc7-AttachUserPolicy statement 0"), s.proof());
        // a path split across two policies proves each permission by its own policy
        EscalationStep fn1 = lab.get(ACCT + "user/fn1-privesc3-partial-user").paths().get(0).get(0);
        assertEquals(ACCT + "role/privesc-high-priv-service-role", fn1.to());
        assertTrue(fn1.proof().contains("iam:PassRole (passed to ec2.amazonaws.com): Allowed by identity policy fn1-passrole-star statement 0"), fn1.proof().toString());
        assertTrue(fn1.proof().contains("ec2:RunInstances: Allowed by identity policy fn1-privesc3-partial statement 0"), fn1.proof().toString());
        // an edge that needs a resource the export cannot show says so
        EscalationStep upd = lab.get(ACCT + "user/privesc17-EditExistingLambdaFunctionWithRole-user").paths().get(0).get(0);
        assertEquals(List.of("if a Lambda function runs as the role"), upd.conditions());
    }

    @Test
    void rolesIamProtectsAreNeitherRewrittenNorPassed() {
        // IAM refuses to change service-linked roles and the roles IAM Identity Center creates
        assertFalse(lab.get(ACCT + "role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO").canEscalate(),
                "its policy may update the trust of the aws-reserved SSO roles, which IAM does not allow");
        for (EscalationAnswer a : lab.values()) {
            for (List<EscalationStep> p : a.paths()) {
                for (EscalationStep st : p) {
                    boolean protectedTarget = st.to().contains(":role/aws-reserved/") || st.to().contains(":role/aws-service-role/");
                    assertFalse(protectedTarget && !st.edge().equals("sts:AssumeRole"), a.principal() + ": " + st);
                }
            }
        }
    }

    @Test
    void addingItselfToAGroupTakesTwoSteps() {
        List<EscalationStep> p = lab.get(ACCT + "user/privesc13-AddUserToGroup-user").paths().get(0);
        assertEquals(2, p.size());
        assertEquals(ACCT + "user/privesc13-AddUserToGroup-user [in group privesc-sre-group]", p.get(0).to());
        assertEquals("iam:AttachUserPolicy", p.get(1).edge(), "the sre group grants iam:*, which is not yet every action");
    }

    @Test
    void roleChainsAreEscalationPathsToo() {
        List<EscalationStep> p = lab.get(ACCT + "role/privesc-AssumeRole-starting-role").paths().get(0);
        assertEquals(List.of("sts:AssumeRole", "sts:AssumeRole"), p.stream().map(EscalationStep::edge).toList());
        assertEquals(ACCT + "role/privesc-AssumeRole-ending-role", p.get(1).to());
        assertTrue(lab.get(ACCT + "role/privesc-AssumeRole-ending-role").admin());
        assertTrue(lab.get(ACCT + "role/privesc9-AttachRolePolicy-role").canEscalate(), "a role can attach a policy to itself");
        assertEquals("iam:AttachRolePolicy", firstEdge(lab.get(ACCT + "role/privesc9-AttachRolePolicy-role")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "fp1-allow-and-deny-user",                    // iam:* allowed and denied in one policy
            "fp2-allow-and-deny-multiple-policies-user",  // allow-all and deny-all in two policies
            "fp3-deny-iam-user",                          // a deny-only policy
            "fp4-nonExploitableResourceConstraint-user",  // CreatePolicyVersion only on AWS-managed policies
            "fp5-nonExploitableConditionConstraint-user", // only for tokens issued before 2020
    })
    void noTrapIsFlagged(String user) {
        EscalationAnswer a = lab.get(ACCT + "user/" + user);
        assertFalse(a.admin(), user);
        assertFalse(a.canEscalate(), user + " must not be flagged: " + a.paths());
        assertTrue(a.paths().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // iam:SetDefaultPolicyVersion, but the export stores one version of the policy: nothing to switch to
            "privesc2-SetExistingDefaultPolicyVersion-user",
            // iam:AttachRolePolicy / iam:PutRolePolicy on any role, but no role this user may assume
            "privesc9-AttachRolePolicy-user",
            "privesc12-PutRolePolicy-user",
            // the export gives the start user no policy at all (the chain starts at an SSO session)
            "privesc-AssumeRole-start-user",
    })
    void labUsersWhosePathTheExportDoesNotHoldAreNotFlagged(String user) {
        assertFalse(lab.get(ACCT + "user/" + user).canEscalate(), user);
    }

    @Test
    void administratorsAreThoseAllowedEveryActionOnEveryResource() {
        assertTrue(lab.get(ACCT + "role/privesc-high-priv-service-role").admin());
        assertTrue(lab.get(ACCT + "role/OrganizationAccountAccessRole").admin());
        assertFalse(lab.get(ACCT + "user/privesc-sre-user").admin(), "iam:*, ec2:*, s3:* is not every action");
        assertFalse(lab.get(ACCT + "user/fn4-exploitableNotAction-user").admin(), "a NotAction Allow leaves something out");
        assertFalse(lab.get(ACCT + "user/fp2-allow-and-deny-multiple-policies-user").admin(), "a deny-all policy overrides");
        assertTrue(lab.get(ACCT + "role/privesc-high-priv-service-role").adminProof().get(0)
                .contains("identity policy privesc-high-priv-service-policy statement 0"));
    }

    @Test
    void whoCanWithEscalationListsEveryPrincipalThatCanBecomeAnAdministratorOfTheAccount() {
        Questions q = new Questions(FactsLoader.load(dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json")), RuleBase.shipped(),
                dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")).withResourceAccount("arn:aws:s3:::lab-data/report.csv", "200611803367"));
        String bucket = "arn:aws:s3:::lab-data/report.csv";
        List<Access> direct = q.whoCan(bucket, List.of("s3:GetObject"), true);
        Escalations esc = new Escalations(q, RuleBase.shipped());
        Map<String, Access> through = esc.whoCanThroughEscalation(bucket, List.of("s3:GetObject"), direct, null)
                .stream().collect(Collectors.toMap(Access::principal, e -> e));
        Access k = through.get(ACCT + "user/privesc4-CreateAccessKey-user");
        assertEquals(Verdict.ALLOWED, k.decision());
        assertTrue(k.via().get(0).startsWith("iam:CreateAccessKey → "), k.via().toString());
        assertEquals(Verdict.CONDITIONAL, through.get(ACCT + "user/privesc17-EditExistingLambdaFunctionWithRole-user").decision());
        for (String trap : List.of("fp1-allow-and-deny-user", "fp2-allow-and-deny-multiple-policies-user", "fp3-deny-iam-user",
                "fp4-nonExploitableResourceConstraint-user", "fp5-nonExploitableConditionConstraint-user")) {
            assertFalse(through.containsKey(ACCT + "user/" + trap), trap);
        }
        // privesc and who-can agree: whoever can become administrator reaches the unguarded bucket, directly or through escalation
        Set<String> listed = new java.util.HashSet<>(through.keySet());
        direct.forEach(e -> listed.add(e.principal()));
        for (EscalationAnswer a : esc.analyze(null).answers()) {
            if (a.canEscalate() || a.admin()) {
                assertTrue(listed.contains(a.principal()), a.principal());
            }
        }
    }

    @Test
    void anAdministratorOfAnAccountTheBucketPolicyNamesCountsForWhoCanWithEscalation(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("accounts/111111111111");
        Path b = dir.resolve("accounts/222222222222");
        Files.createDirectories(a.resolve("s3"));
        Files.createDirectories(b);
        Files.writeString(a.resolve("iam.json"), "{\"UserDetailList\":[],\"RoleDetailList\":[],\"GroupDetailList\":[],\"Policies\":[]}");
        Files.writeString(a.resolve("s3/shared.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}]}");
        Files.writeString(b.resolve("iam.json"), "{\"UserDetailList\":[{\"UserName\":\"climber\",\"Arn\":\"arn:aws:iam::222222222222:user/climber\","
                + "\"GroupList\":[],\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"self\",\"PolicyDocument\":"
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:AttachUserPolicy\","
                + "\"Resource\":\"arn:aws:iam::222222222222:user/climber\"}]}}]}],\"RoleDetailList\":[],\"GroupDetailList\":[],\"Policies\":[]}");
        Questions q = new Questions(FactsLoader.load(dir), RuleBase.shipped(), dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")));
        String obj = "arn:aws:s3:::shared/x";
        List<Access> direct = q.whoCan(obj, List.of("s3:GetObject"), true);
        assertTrue(direct.stream().noneMatch(e -> e.principal().endsWith("user/climber")), "its own policy grants no S3");
        List<Access> more = new Escalations(q, RuleBase.shipped()).whoCanThroughEscalation(obj, List.of("s3:GetObject"), direct, null);
        assertEquals(List.of("arn:aws:iam::222222222222:user/climber"), more.stream().map(Access::principal).toList(),
                "as administrator of 222222222222, which the bucket policy names, it can read the bucket of 111111111111");
        assertEquals(List.of("iam:AttachUserPolicy → arn:aws:iam::222222222222:user/climber [with a policy of its choosing]"), more.get(0).via());
    }

    @Test
    void rewritingATrustPolicyEscalatesOnlyWhereTheSCPsLetThePrincipalAssumeTheRole(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("organization.json"), """
                {"Id":"o-t","ManagementAccountId":"100000000001","Roots":[{"Id":"r-root"}],"OrganizationalUnits":[],
                 "Accounts":[{"Id":"111111111111","Name":"locked","ParentId":"r-root"},{"Id":"222222222222","Name":"open","ParentId":"r-root"}],
                 "Policies":[{"Id":"p-full","Name":"FullAWSAccess","Type":"SERVICE_CONTROL_POLICY","Targets":["r-root","111111111111","222222222222"],
                   "Content":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}},
                  {"Id":"p-nosts","Name":"NoAssume","Type":"SERVICE_CONTROL_POLICY","Targets":["111111111111"],
                   "Content":{"Version":"2012-10-17","Statement":[{"Sid":"NoAssume","Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}}]}""");
        for (String acct : List.of("111111111111", "222222222222")) {
            Path a = dir.resolve("accounts/" + acct);
            Files.createDirectories(a);
            String gaad = "{\"UserDetailList\":[" + user("rewriter", "[{\"Effect\":\"Allow\",\"Action\":\"iam:UpdateAssumeRolePolicy\",\"Resource\":\"*\"}]", null)
                    + "],\"GroupDetailList\":[],\"RoleDetailList\":[" + role("admin", "ec2.amazonaws.com", ADMIN) + "],\"Policies\":[]}";
            Files.writeString(a.resolve("iam.json"), gaad.replace("123456789012", acct));
        }
        Map<String, EscalationAnswer> r = analyze(dir);
        EscalationAnswer open = r.get("arn:aws:iam::222222222222:user/rewriter");
        assertEquals("iam:UpdateAssumeRolePolicy", firstEdge(open));
        assertTrue(open.paths().get(0).get(0).proof().stream().anyMatch(x -> x.startsWith(
                "sts:AssumeRole (under the trust policy it wrote): Allowed by ")), open.paths().toString());
        assertFalse(r.get("arn:aws:iam::111111111111:user/rewriter").canEscalate(),
                "an SCP denies it sts:AssumeRole: rewriting the trust policy gains nothing");
    }

    @Test
    void cloudGoatRollbackReachesAdminThroughTheV3Version() {
        EscalationAnswer a = analyze(dev.gatehouse.SharedData.path("data/scenarios/cloudgoat-iam_privesc_by_rollback.json"))
                .get("arn:aws:iam::111111111111:user/raynor-cgidexample");
        assertFalse(a.admin());
        assertTrue(a.canEscalate());
        assertEquals(1, a.paths().size(), "only v3 grants everything: v2 denies, v4 expired in 2017, v5 reads S3");
        EscalationStep s = a.paths().get(0).get(0);
        assertEquals("iam:SetDefaultPolicyVersion", s.edge());
        assertEquals("arn:aws:iam::111111111111:user/raynor-cgidexample [with cg-raynor-policy-cgidexample at v3]", s.to());
        assertTrue(s.proof().get(0).contains("Sid IAMPrivilegeEscalationByRollback"));
    }

    // ---------------------------------------------------------------- small accounts for what the lab lacks

    static final String A = "arn:aws:iam::123456789012:";

    static Map<String, EscalationAnswer> account(Path dir, String users, String roles, String policies) throws Exception {
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, "{\"UserDetailList\":[" + users + "],\"GroupDetailList\":[],\"RoleDetailList\":[" + roles
                + "],\"Policies\":[" + policies + "]}");
        return analyze(f);
    }

    static String user(String name, String inline, String boundary) {
        return "{\"UserName\":\"" + name + "\",\"Arn\":\"" + A + "user/" + name + "\",\"UserPolicyList\":[{\"PolicyName\":\"p\","
                + "\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":" + inline + "}}],\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[]" + (boundary == null ? "" : ",\"PermissionsBoundary\":{\"PermissionsBoundaryArn\":\""
                + boundary + "\"}") + "}";
    }

    static String role(String name, String trustService, String inline) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"" + A + "role/" + name + "\",\"AssumeRolePolicyDocument\":{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + trustService + "\"},"
                + "\"Action\":\"sts:AssumeRole\"}]},\"RolePolicyList\":[{\"PolicyName\":\"r\",\"PolicyDocument\":{\"Version\":"
                + "\"2012-10-17\",\"Statement\":" + inline + "}}],\"AttachedManagedPolicies\":[],\"InstanceProfileList\":[]}";
    }

    static final String ADMIN = "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]";

    @Test
    void aBoundaryThatDoesNotAllowEverythingKeepsASelfGrantFromMakingAnAdministrator(@TempDir Path dir) throws Exception {
        String boundary = "{\"PolicyName\":\"s3-only\",\"Arn\":\"" + A + "policy/s3-only\",\"DefaultVersionId\":\"v1\","
                + "\"PolicyVersionList\":[{\"VersionId\":\"v1\",\"IsDefaultVersion\":true,\"Document\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"iam:PutUserPolicy\"],\"Resource\":\"*\"}]}}]}";
        String self = "[{\"Effect\":\"Allow\",\"Action\":\"iam:PutUserPolicy\",\"Resource\":\"" + A + "user/bounded\"}]";
        Map<String, EscalationAnswer> r = account(dir, String.join(",", user("bounded", self, A + "policy/s3-only"),
                user("other", self, null), user("free", self.replace("bounded", "free"), null)), "", boundary);
        assertFalse(r.get(A + "user/bounded").canEscalate(), "what it grants itself stays inside its boundary");
        assertFalse(r.get(A + "user/other").canEscalate(),
                "its policy names only user/bounded: a permission limited to another resource does not count");
        assertEquals("iam:PutUserPolicy", firstEdge(r.get(A + "user/free")), "without a boundary the same grant makes an administrator");
    }

    @Test
    void delegatedAdministrationBoundedByPermissionsBoundaryOrPolicyArnIsNoEscalation(@TempDir Path dir) throws Exception {
        String boundary = "{\"PolicyName\":\"DevBoundary\",\"Arn\":\"" + A + "policy/DevBoundary\",\"DefaultVersionId\":\"v1\","
                + "\"PolicyVersionList\":[{\"VersionId\":\"v1\",\"IsDefaultVersion\":true,\"Document\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"iam:PutUserPolicy\",\"iam:AttachUserPolicy\"],\"Resource\":\"*\"}]}}]}";
        // may put or attach policies on users only when the user carries DevBoundary
        String delegated = "[{\"Effect\":\"Allow\",\"Action\":[\"iam:PutUserPolicy\",\"iam:AttachUserPolicy\"],\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"iam:PermissionsBoundary\":\"" + A + "policy/DevBoundary\"}}}]";
        // may attach only ReadOnlyAccess to itself
        String readOnlyOnly = "[{\"Effect\":\"Allow\",\"Action\":\"iam:AttachUserPolicy\",\"Resource\":\"" + A + "user/attacher\","
                + "\"Condition\":{\"ArnEquals\":{\"iam:PolicyARN\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}}}]";
        // may attach AdministratorAccess to itself
        String adminAllowed = readOnlyOnly.replace("attacher", "climber").replace("ReadOnlyAccess", "AdministratorAccess");
        Map<String, EscalationAnswer> r = account(dir, String.join(",", user("bounded-delegate", delegated, A + "policy/DevBoundary"),
                user("unbounded-delegate", delegated, null), user("attacher", readOnlyOnly, null), user("climber", adminAllowed, null)),
                "", boundary);
        assertFalse(r.get(A + "user/bounded-delegate").canEscalate(), "it may grant itself anything, but only inside DevBoundary");
        assertFalse(r.get(A + "user/unbounded-delegate").canEscalate(), "it carries no DevBoundary, so it may not grant itself anything");
        assertFalse(r.get(A + "user/attacher").canEscalate(), "it may attach ReadOnlyAccess only");
        EscalationAnswer c = r.get(A + "user/climber");
        assertEquals("iam:AttachUserPolicy", firstEdge(c));
        assertFalse(c.conditional(), "iam:PolicyARN is the AdministratorAccess an attacker attaches: known, not open");
    }

    @Test
    void passRoleMustCoverTheTargetRoleAndItsService(@TempDir Path dir) throws Exception {
        String roles = role("admin-fn", "lambda.amazonaws.com", ADMIN) + "," + role("admin-ec2", "ec2.amazonaws.com", ADMIN);
        String wrongRole = "[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"" + A + "role/other\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"lambda:CreateFunction\",\"lambda:InvokeFunction\"],\"Resource\":\"*\"}]";
        String wrongService = "[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"iam:PassedToService\":\"ec2.amazonaws.com\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"lambda:CreateFunction\",\"lambda:InvokeFunction\"],\"Resource\":\"*\"}]";
        String right = "[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"" + A + "role/admin-fn\",\"Condition\":"
                + "{\"StringEquals\":{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"lambda:CreateFunction\",\"lambda:InvokeFunction\"],\"Resource\":\"*\"}]";
        String noInvoke = "[{\"Effect\":\"Allow\",\"Action\":[\"iam:PassRole\",\"lambda:CreateFunction\"],\"Resource\":\"*\"}]";
        String ec2 = "[{\"Effect\":\"Allow\",\"Action\":[\"iam:PassRole\",\"ec2:RunInstances\"],\"Resource\":\"*\"}]";
        Map<String, EscalationAnswer> r = account(dir, String.join(",", user("wrong-role", wrongRole, null),
                user("wrong-service", wrongService, null), user("right", right, null), user("no-invoke", noInvoke, null),
                user("ec2", ec2, null)), roles, "");
        assertFalse(r.get(A + "user/wrong-role").canEscalate());
        EscalationAnswer ws = r.get(A + "user/wrong-service");
        assertTrue(ws.paths().stream().noneMatch(p -> p.get(0).edge().contains("lambda")), "the role may be passed to EC2 only");
        assertEquals("iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction", firstEdge(r.get(A + "user/right")));
        assertFalse(r.get(A + "user/right").conditional());
        assertFalse(r.get(A + "user/no-invoke").canEscalate(), "creating the function without a way to run it is not enough");
        EscalationAnswer e = r.get(A + "user/ec2");
        assertTrue(e.canEscalate() && e.conditional(), "the EC2 role lists no instance profile: Conditional, not dropped");
        assertTrue(e.paths().stream().anyMatch(p -> p.get(0).conditions().contains("if the role has an instance profile")));
    }

    @Test
    void aServiceLinkedRoleIsNoStartingPointOnlyItsServiceActsAsIt() {
        // IAM User Guide, "Using service-linked roles": before the rule, ssm:SendCommand made it "escalate"
        EscalationAnswer ssm = lab.get(ACCT + "role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM");
        assertTrue(ssm != null && !ssm.canEscalate() && ssm.paths().isEmpty(), String.valueOf(ssm));
        assertTrue(lab.values().stream().filter(a -> a.principal().contains(":role/aws-service-role/"))
                .noneMatch(EscalationAnswer::canEscalate), "no service-linked role of the lab escalates");
    }

    /**
     * pathfinding.cloud iam-014, iam-016, iam-017: a principal that may assume a role and change its
     * permissions (AttachRolePolicy, CreatePolicyVersion on a policy attached to it, PutRolePolicy) escalates
     * although the role holds nothing itself — the edge into the role is worth deriving because what the
     * principal can grant it is.
     */
    @Test
    void assumingARoleOneMayThenChangeEscalatesThoughTheRoleHoldsNothing(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("accounts/123456789012");
        Files.createDirectories(a);
        String trustUser = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + A
                + "user/%s\"},\"Action\":\"sts:AssumeRole\"}]}";
        StringBuilder users = new StringBuilder();
        StringBuilder roles = new StringBuilder();
        for (String action : List.of("iam:AttachRolePolicy", "iam:PutRolePolicy")) {
            String name = action.substring(4);
            if (users.length() > 0) {
                users.append(',');
                roles.append(',');
            }
            users.append(user(name, "[{\"Effect\":\"Allow\",\"Action\":[\"" + action + "\",\"sts:AssumeRole\"],\"Resource\":\""
                    + A + "role/empty-" + name + "\"}]", null));
            roles.append("{\"RoleName\":\"empty-" + name + "\",\"Arn\":\"" + A + "role/empty-" + name + "\",\"AssumeRolePolicyDocument\":"
                    + String.format(trustUser, name) + ",\"RolePolicyList\":[],\"AttachedManagedPolicies\":[],\"InstanceProfileList\":[]}");
        }
        Files.writeString(a.resolve("iam.json"), "{\"UserDetailList\":[" + users + "],\"GroupDetailList\":[],\"RoleDetailList\":["
                + roles + "],\"Policies\":[]}");
        Map<String, EscalationAnswer> r = analyze(dir);
        for (String name : List.of("AttachRolePolicy", "PutRolePolicy")) {
            EscalationAnswer u = r.get(A + "user/" + name);
            assertTrue(u.canEscalate(), name + ": " + u);
            EscalationStep step = u.paths().get(0).get(0);
            assertEquals("sts:AssumeRole, then iam:" + name, step.edge(), u.paths().toString());
            assertEquals(A + "role/empty-" + name + " [with a policy of its choosing]", step.to());
        }
    }

    /**
     * The empty role is worth reaching for the one who may change it, not for everyone who may assume it: a
     * bystander the trust also names gets no edge into it (worth reaching for all, every principal allowed to
     * assume a role anyone may change got one, and 11,000 principals ran out of a 6 GB heap).
     */
    @Test
    void anEmptyRoleIsWorthReachingOnlyForTheOneWhoMayChangeIt(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("accounts/123456789012");
        Files.createDirectories(a);
        String role = A + "role/empty";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + A
                + "user/changer\",\"" + A + "user/bystander\"]},\"Action\":\"sts:AssumeRole\"}]}";
        String users = user("changer", "[{\"Effect\":\"Allow\",\"Action\":[\"iam:AttachRolePolicy\",\"sts:AssumeRole\"],\"Resource\":\""
                + role + "\"}]", null) + "," + user("bystander", "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\""
                + role + "\"}]", null);
        Files.writeString(a.resolve("iam.json"), "{\"UserDetailList\":[" + users + "],\"GroupDetailList\":[],\"RoleDetailList\":["
                + "{\"RoleName\":\"empty\",\"Arn\":\"" + role + "\",\"AssumeRolePolicyDocument\":" + trust
                + ",\"RolePolicyList\":[],\"AttachedManagedPolicies\":[],\"InstanceProfileList\":[]}],\"Policies\":[]}");
        Questions q = new Questions(FactsLoader.load(dir), RuleBase.shipped(),
                dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")));
        Escalations.Result r = new Escalations(q, RuleBase.shipped()).analyze(null);
        List<String> into = r.edges().stream().filter(e -> e.to().equals(role)).map(e -> e.from() + " " + e.edge()).toList();
        assertEquals(List.of(A + "user/changer sts:AssumeRole"), into, "edges into the empty role");
        Map<String, EscalationAnswer> answers = r.answers().stream().collect(Collectors.toMap(EscalationAnswer::principal, x -> x));
        assertTrue(answers.get(A + "user/changer").canEscalate());
        assertEquals("sts:AssumeRole, then iam:AttachRolePolicy", firstEdge(answers.get(A + "user/changer")));
        assertTrue(!answers.get(A + "user/bystander").canEscalate(), "the bystander may assume the role but not change it");
    }
}
