package dev.gatehouse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.policy.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.regions.Region;

/**
 * {@code gatehouse collect} against a real AWS API emulator (moto's server), not mocks: an organization of three
 * accounts seeded through the API is collected; the facts it writes load with no problem and answer exactly as the
 * same organization written by hand. Faults: a throttled call (retried), an AccessDenied on one service (named, the
 * rest collected), an account whose role cannot be assumed (marked incomplete, its questions refused), an
 * interrupted run (resumed). The denials are real: moto then checks every call against the collecting user's
 * policies and the assumed roles' (see {@link MotoServer#authorize}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectTest {
    static MotoServer moto;
    static Seed seed;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        seed = Seed.into(moto);
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    private static CollectOptions options(Path out, List<String> accounts, boolean refresh) {
        return new CollectOptions(out, null, List.of(Seed.REGION), null, accounts, List.of(), moto.endpoint(), refresh);
    }

    /**
     * Every service but Lambda, whose calls moto refuses with SignatureDoesNotMatch while it checks signatures (boto3's
     * too): the tests that turn moto's authorization on collect without it.
     */
    private static CollectOptions authorized(Path out, List<String> accounts) {
        return new CollectOptions(out, null, List.of(Seed.REGION), null, accounts, Collector.SERVICES.stream()
                .filter(x -> !x.equals("lambda")).toList(), moto.endpoint(), false);
    }

    private static List<String> lines = new ArrayList<>();

    private static ProgressListener recorded() {
        lines = new ArrayList<>();
        return new ProgressListener() {
            @Override
            public void stage(String message) {
                lines.add(message);
            }
        };
    }

    private String id(String account) {
        return seed.ids.get(account);
    }

    private static Set<String> strings(List<?> answers) {
        return answers.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Order(1)
    void collectedFactsAnswerAsTheSameOrganizationWrittenByHand() throws Exception {
        moto.authorize(false);
        Path out = dir.resolve("collected");
        Collector.Summary s = Collector.collect(options(out, List.of(), false), Seed.SEEDER, recorded());
        assertEquals(seed.ids.get("org"), s.organization());
        assertEquals(List.of(), s.organizationNotRead());
        assertEquals(3, s.accounts().size(), lines.toString());
        s.accounts().forEach(a -> assertEquals(Collector.Status.COLLECTED, a.status(), a.id() + ": " + a.notRead()));
        assertFalse(s.incomplete());
        // a progress line per account and service
        for (String line : List.of("iam: 2 users, 1 group, 3 roles, 1 managed policy", "s3: 2", "kms: 1 (us-east-1)", "sqs: 1 (us-east-1)",
                "sns: 1 (us-east-1)", "secretsmanager: 1 (us-east-1)", "lambda: 1 (us-east-1)", "ecr: 1 (us-east-1)", "done")) {
            assertTrue(lines.contains(id("prod") + " (prod): " + line), line + " in " + lines);
        }
        assertEquals("iam: 2 users, 1 group, 3 roles, 1 managed policy, s3: 2, kms: 1, sqs: 1, sns: 1, secretsmanager: 1, lambda: 1, ecr: 1",
                s.accounts().stream().filter(a -> a.id().equals(id("prod"))).findFirst().orElseThrow().counts());

        // the files of the documented layout
        JsonNode org = Json.mapper().readTree(out.resolve("organization.json").toFile());
        assertEquals(3, org.get("Accounts").size());
        JsonNode orgOnly = find(org.get("Policies"), "Name", "OrgOnly");
        assertEquals("RESOURCE_CONTROL_POLICY", orgOnly.get("Type").asText());
        assertEquals(id("Production"), orgOnly.get("Targets").get(0).asText());
        assertEquals("Deny", orgOnly.at("/Content/Statement/0/Effect").asText(), "the content is the policy, as JSON");
        Path prod = out.resolve("accounts").resolve(id("prod"));
        JsonNode gaad = Json.mapper().readTree(prod.resolve("iam.json").toFile());
        assertEquals("developers", find(gaad.get("UserDetailList"), "UserName", "alice").at("/GroupList/0").asText());
        assertEquals("arn:aws:iam::" + id("dev") + ":role/CiRole", find(gaad.get("RoleDetailList"), "RoleName", "DeployRole")
                .at("/AssumeRolePolicyDocument/Statement/0/Principal/AWS/0").asText(), "trust policies decoded from IAM's URL encoding");
        assertTrue(Files.exists(prod.resolve("s3/gh-prod-data.json")));
        assertTrue(Files.exists(prod.resolve("kms/" + seed.keys.get("prod").get(0) + ".json")));
        JsonNode res = Json.mapper().readTree(prod.resolve("resources.json").toFile());
        assertEquals("deploy", find(res, "arn", "arn:aws:s3:::gh-prod-artifacts").at("/tags/team").asText(), "a bucket without a policy, with its tags");
        assertEquals("DevSends", find(res, "arn", "arn:aws:sqs:us-east-1:" + id("prod") + ":jobs").at("/policy/Statement/0/Sid").asText());
        assertEquals("AnyonePublishes", find(res, "arn", "arn:aws:sns:us-east-1:" + id("prod") + ":alerts").at("/policy/Statement/0/Sid").asText());
        assertEquals("CiReadsTheSecret", find(res, "arn", seed.secrets.get("db-password")).at("/policy/Statement/0/Sid").asText());
        assertEquals("DevPulls", find(res, "arn", "arn:aws:ecr:us-east-1:" + id("prod") + ":repository/app").at("/policy/Statement/0/Sid").asText());
        assertEquals("S3Invokes", find(res, "arn", "arn:aws:lambda:us-east-1:" + id("prod") + ":function:thumbnail").at("/policy/Statement/0/Sid").asText());
        JsonNode manifest = Json.mapper().readTree(prod.resolve(Collector.MANIFEST).toFile());
        assertEquals("arn:aws:iam::" + id("prod") + ":role/OrganizationAccountAccessRole", manifest.get("AssumedRole").asText());
        assertEquals(0, manifest.get("NotRead").size());

        // loads with no problem, and answers as the hand-built folder does
        OrgSnapshot collected = Gatehouse.load(out);
        assertEquals(List.of(), collected.problems());
        OrgSnapshot hand = Gatehouse.load(seed.handBuilt(dir.resolve("hand")));
        assertEquals(List.of(), hand.problems());
        assertEquals(strings(hand.report(ProgressListener.NONE)), strings(collected.report(ProgressListener.NONE)));
        assertEquals(strings(hand.escalations(ProgressListener.NONE)), strings(collected.escalations(ProgressListener.NONE)));
        String data = "arn:aws:s3:::gh-prod-data/q3.csv";
        List<Access> readers = collected.whoCan(data, List.of("s3:GetObject"));
        assertEquals(strings(hand.whoCan(data, List.of("s3:GetObject"))), strings(readers));
        // with the reasons: alice through her group's managed policy, dev's CiRole by the bucket policy, dave through CiRole
        Access alice = access(readers, "arn:aws:iam::" + id("prod") + ":user/alice", List.of());
        assertEquals(Verdict.ALLOWED, alice.decision());
        assertTrue(alice.grants().stream().anyMatch(g -> g.toString().contains("ReadData")), alice.grants().toString());
        Access ci = access(readers, "arn:aws:iam::" + id("dev") + ":role/CiRole", List.of());
        assertTrue(ci.grants().stream().anyMatch(g -> g.toString().contains("CiReads")), ci.grants().toString());
        assertEquals(Verdict.ALLOWED, access(readers, "arn:aws:iam::" + id("dev") + ":user/dave", List.of("arn:aws:iam::" + id("dev")
                + ":role/CiRole")).decision());
        String deploy = "arn:aws:iam::" + id("prod") + ":role/deploy/DeployRole";
        List<AssumePath> assumers = collected.whoCanAssume(deploy);
        assertEquals(strings(hand.whoCanAssume(deploy)), strings(assumers));
        assertTrue(assumers.stream().anyMatch(p -> p.principal().endsWith(":user/dave") && p.path().contains("arn:aws:iam::" + id("dev")
                + ":role/CiRole")), assumers.toString());
        assertEquals(Verdict.ALLOWED, access(collected.whoCan("arn:aws:s3:::gh-dev-public/index.html", List.of("s3:GetObject")),
                "anonymous", List.of()).decision());
    }

    @Test
    @Order(2)
    void aThrottledCallIsRetriedWithBackoff() throws Exception {
        moto.authorize(false);
        try (ThrottlingProxy proxy = new ThrottlingProxy(moto.endpoint(), "GetAccountAuthorizationDetails", 2)) {
            Path out = dir.resolve("throttled");
            Collector.Summary s = Collector.collect(new CollectOptions(out, null, List.of(Seed.REGION), null, List.of(id("management")),
                    List.of("iam"), proxy.endpoint(), false), Seed.SEEDER, recorded());
            assertEquals(2, proxy.throttled.get(), "AWS's Throttling answered twice");
            assertEquals(1, proxy.passed.get(), "the third attempt passed");
            assertEquals(Collector.Status.COLLECTED, s.accounts().get(0).status(), s.accounts().get(0).notRead().toString());
            JsonNode gaad = Json.mapper().readTree(out.resolve("accounts").resolve(id("management")).resolve("iam.json").toFile());
            assertNotNull(find(gaad.get("UserDetailList"), "UserName", "org-admin"));
        } finally {
            moto.authorize(true);
        }
    }

    @Test
    @Order(3)
    void anAccessDeniedOnOneServiceIsNamedAndTheRestIsCollected() throws Exception {
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        moto.authorize(false);
        try (IamClient iam = seed.client(IamClient.builder().region(Region.AWS_GLOBAL), seed.as("dev"))) {
            iam.putRolePolicy(q -> q.roleName("OrganizationAccountAccessRole").policyName("NoKms").policyDocument(deny));
        }
        moto.authorize(true);
        try {
            Path out = dir.resolve("denied");
            Collector.Summary s = Collector.collect(authorized(out, List.of(id("dev"))), seed.auditor, recorded());
            Collector.AccountResult dev = s.accounts().get(0);
            assertEquals(Collector.Status.PARTIAL, dev.status());
            assertEquals(1, dev.notRead().size(), dev.notRead().toString());
            NotRead n = dev.notRead().get(0);
            assertEquals("kms:ListKeys", n.api());
            assertEquals(Seed.REGION, n.region());
            assertTrue(n.error().startsWith("AccessDenied"), n.error());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(id("dev") + " (dev): not read: kms:ListKeys in us-east-1: AccessDenied")), lines.toString());
            Path acct = out.resolve("accounts").resolve(id("dev"));
            assertTrue(Files.exists(acct.resolve("iam.json")), "IAM still collected");
            assertTrue(Files.exists(acct.resolve("s3/gh-dev-public.json")), "S3 still collected");
            assertEquals("kms:ListKeys", Json.mapper().readTree(acct.resolve(Collector.MANIFEST).toFile()).at("/NotRead/0/Api").asText());

            OrgSnapshot facts = Gatehouse.load(out);
            assertEquals(List.of(), facts.problems());
            // what was not read is refused, naming the call; what was read is answered
            InputException e = assertThrows(InputException.class, () -> facts.whoCan("arn:aws:kms:us-east-1:" + id("dev")
                    + ":key/1234abcd-12ab-34cd-56ef-1234567890ab", List.of("kms:Decrypt")));
            assertTrue(e.getMessage().contains("kms:ListKeys in us-east-1 was refused (AccessDenied"), e.getMessage());
            assertEquals(Verdict.ALLOWED, access(facts.whoCan("arn:aws:s3:::gh-dev-public/a.html", List.of("s3:GetObject")), "anonymous",
                    List.of()).decision());
            assertTrue(facts.incomplete().containsKey("arn:aws:kms:us-east-1:" + id("dev") + ":*"), facts.incomplete().toString());
            // only dev was asked: the organization's other accounts are not in the facts, and not answered from nothing
            assertTrue(facts.incomplete().get(id("prod")).endsWith(id("prod") + " is missing: the account's users, roles and resources are "
                    + "not in the facts"), facts.incomplete().toString());
            InputException missing = assertThrows(InputException.class, () -> facts.whoCan("arn:aws:sqs:us-east-1:" + id("prod") + ":jobs",
                    List.of("sqs:SendMessage")));
            assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
        } finally {
            moto.authorize(false);
            try (IamClient iam = seed.client(IamClient.builder().region(Region.AWS_GLOBAL), seed.as("dev"))) {
                iam.deleteRolePolicy(q -> q.roleName("OrganizationAccountAccessRole").policyName("NoKms"));
            }
            moto.authorize(true);
        }
    }

    @Test
    @Order(4)
    void anInterruptedRunIsResumedAndSkipsWhatItCollected() throws Exception {
        moto.authorize(false);
        Path out = dir.resolve("resumed");
        Process p = process(Seed.SEEDER, "collect", "--out", out.toString(), "--endpoint-url", moto.endpoint().toString(), "--accounts",
                id("management") + "," + id("prod") + "," + id("dev"));
        List<String> said = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                said.add(line);
                if (line.contains("collect: 1/3 accounts")) {
                    p.destroyForcibly(); // killed, as by a lost terminal: no chance to clean up
                    break;
                }
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(said.stream().anyMatch(l -> l.contains("1/3 accounts")), String.join("\n", said));
        // what the killed run left: whole accounts (each with its manifest), never a part of one
        List<String> done = new ArrayList<>();
        try (Stream<Path> s = Files.list(out.resolve("accounts"))) {
            for (Path a : s.toList()) {
                assertTrue(Files.exists(a.resolve(Collector.MANIFEST)), a + " is in accounts/ without its manifest");
                done.add(a.getFileName().toString());
            }
        }
        assertTrue(done.contains(id("management")), done.toString());

        Collector.Summary s = Collector.collect(options(out, List.of(id("management"), id("prod"), id("dev")), false), Seed.SEEDER, recorded());
        for (Collector.AccountResult a : s.accounts()) {
            assertEquals(done.contains(a.id()) ? Collector.Status.SKIPPED : Collector.Status.COLLECTED, a.status(), a.id());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(id("management") + " (") && l.endsWith("): skipped, already collected (--refresh "
                + "collects it again)")), lines.toString());
        assertFalse(Files.exists(out.resolve(Collector.STAGING)), "nothing left staged");
        OrgSnapshot resumed = Gatehouse.load(out);
        assertEquals(List.of(), resumed.problems());
        OrgSnapshot hand = Gatehouse.load(seed.handBuilt(dir.resolve("hand")));
        assertEquals(strings(hand.report(ProgressListener.NONE)), strings(resumed.report(ProgressListener.NONE)));

        // --refresh collects them all again
        Collector.Summary again = Collector.collect(options(out, List.of(id("management")), true), Seed.SEEDER, recorded());
        assertEquals(Collector.Status.COLLECTED, again.accounts().get(0).status());
    }

    @Test
    @Order(5)
    void anAccountWhoseRoleCannotBeAssumedIsMarkedIncompleteAndItsQuestionsRefused() throws Exception {
        moto.authorize(false);
        String sandbox;
        try (OrganizationsClient org = seed.client(OrganizationsClient.builder(), Seed.SEEDER)) {
            sandbox = seed.createAccount(org, "sandbox", "Development");
        }
        // its role trusts org-admin alone: the auditor may not assume it (as in AWS, and as moto checks)
        try (IamClient iam = seed.client(IamClient.builder().region(Region.AWS_GLOBAL), seed.as("sandbox"))) {
            iam.updateAssumeRolePolicy(q -> q.roleName("OrganizationAccountAccessRole").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + id("management") + ":user/org-admin\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        try (S3Client s3 = seed.client(S3Client.builder().forcePathStyle(true), seed.as("sandbox"))) {
            s3.createBucket(q -> q.bucket("gh-sandbox-data"));
        }
        // and the auditor's own policy denies assuming it: moto checks the caller's policies on AssumeRole, not the trust
        // policy of a role in another account
        try (IamClient iam = seed.client(IamClient.builder().region(Region.AWS_GLOBAL), Seed.SEEDER)) {
            iam.putUserPolicy(q -> q.userName("auditor").policyName("NotTheSandbox").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + sandbox
                    + ":role/OrganizationAccountAccessRole\"}]}"));
        }
        moto.authorize(true);
        Path out = dir.resolve("unassumed");
        Collector.Summary s = Collector.collect(authorized(out, List.of()), seed.auditor, recorded());
        Collector.AccountResult sb = s.accounts().stream().filter(a -> a.id().equals(sandbox)).findFirst().orElseThrow();
        assertEquals(Collector.Status.NOT_ASSUMED, sb.status());
        assertEquals("sts:AssumeRole", sb.notRead().get(0).api());
        assertEquals("arn:aws:iam::" + sandbox + ":role/OrganizationAccountAccessRole", sb.notRead().get(0).resource());
        assertTrue(s.incomplete());
        s.accounts().stream().filter(a -> !a.id().equals(sandbox)).forEach(a -> assertEquals(Collector.Status.COLLECTED, a.status(), a.id()));
        Path acct = out.resolve("accounts").resolve(sandbox);
        assertFalse(Files.exists(acct.resolve("iam.json")));
        assertTrue(Files.exists(acct.resolve(Collector.MANIFEST)));

        OrgSnapshot facts = Gatehouse.load(out);
        assertEquals(List.of(), facts.problems());
        String why = facts.incomplete().get(sandbox);
        assertNotNull(why, facts.incomplete().toString());
        assertTrue(why.startsWith("not collected: sts:AssumeRole on arn:aws:iam::" + sandbox + ":role/OrganizationAccountAccessRole was refused"), why);
        // a question about its resources is refused, never answered from nothing
        InputException e = assertThrows(InputException.class, () -> facts.whoCan("arn:aws:sqs:us-east-1:" + sandbox + ":anything",
                List.of("sqs:SendMessage")));
        assertTrue(e.getMessage().contains("not collected: sts:AssumeRole"), e.getMessage());
        // as is one about a principal of it the facts cannot hold
        e = assertThrows(InputException.class, () -> facts.whatCan("arn:aws:iam::" + sandbox + ":user/anyone", null, null));
        assertTrue(e.getMessage().contains("is not in the facts, and its account was not all read: not collected: sts:AssumeRole"), e.getMessage());
        assertTrue(facts.incomplete().containsKey(dev.gatehouse.org.Collection.scope("*", "*", sandbox)));

        // the same from the command line: collect names the call and exits 1; who-can refuses; the report says so
        Path cliOut = dir.resolve("unassumed-cli");
        List<String> services = List.of("--services", String.join(",", authorized(cliOut, List.of()).services()));
        Cli c = cli(seed.auditor, Stream.concat(Stream.of("collect", "--out", cliOut.toString(), "--endpoint-url", moto.endpoint().toString()),
                services.stream()).toArray(String[]::new));
        assertEquals(1, c.code(), c.out());
        assertTrue(c.out().contains("INCOMPLETE: 1 call could not be read"), c.out());
        assertTrue(c.out().contains("  " + sandbox + ": sts:AssumeRole on arn:aws:iam::" + sandbox + ":role/OrganizationAccountAccessRole: AccessDenied"), c.out());
        assertTrue(c.out().contains("gatehouse: collect: " + sandbox + " (sandbox): not collected: sts:AssumeRole"), c.out());
        Cli w = cli(seed.auditor, "who-can", "--facts", cliOut.toString(), "--resource", "arn:aws:sqs:us-east-1:" + sandbox + ":anything",
                "--action", "sqs:SendMessage");
        assertEquals(1, w.code(), w.out());
        assertTrue(w.out().contains("[GH110]") && w.out().contains("not collected: sts:AssumeRole"), w.out());
        Cli r = cli(seed.auditor, "report", "--facts", cliOut.toString(), "--out", dir.resolve("report").toString(), "--quiet");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("INCOMPLETE:") && r.out().contains(sandbox + ": not collected: sts:AssumeRole"), r.out());
    }

    @Test
    @Order(6)
    void anScpWhoseTargetsCannotBeReadStandsEverywhereAsUnreadNeverNowhere() throws Exception {
        moto.authorize(false);
        try (IamClient iam = seed.client(IamClient.builder().region(Region.AWS_GLOBAL), Seed.SEEDER)) {
            iam.putUserPolicy(q -> q.userName("auditor").policyName("NoTargets").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:ListTargetsForPolicy\",\"Resource\":\"*\"}]}"));
        }
        moto.authorize(true);
        try {
            Path out = dir.resolve("no-targets");
            Collector.Summary s = Collector.collect(new CollectOptions(out, null, List.of(Seed.REGION), null, List.of(id("management"), id("prod"),
                    id("dev")), List.of("iam"), moto.endpoint(), false), seed.auditor, recorded());
            assertTrue(s.organizationNotRead().stream().allMatch(n -> n.api().equals("organizations:ListTargetsForPolicy")), s.organizationNotRead().toString());
            assertFalse(s.organizationNotRead().isEmpty());
            // a Deny whose targets are unknown must not apply nowhere, nor an Allow be missing where it stands: every policy
            // stands, as one that could not be read, at every root, OU and account
            JsonNode org = Json.mapper().readTree(out.resolve("organization.json").toFile());
            int levels = org.get("Roots").size() + org.get("OrganizationalUnits").size() + org.get("Accounts").size();
            for (JsonNode p : org.get("Policies")) {
                assertEquals(levels, p.get("Targets").size(), p.toString());
                assertTrue(p.get("Content").asText().startsWith("(not read"), p.toString());
            }
            OrgSnapshot facts = Gatehouse.load(out);
            List<AssumePath> assumers = facts.whoCanAssume("arn:aws:iam::" + id("prod") + ":role/deploy/DeployRole");
            assertTrue(assumers.stream().anyMatch(p -> p.principal().endsWith(":user/dave")), "dave is not dropped: " + assumers);
            assertTrue(assumers.stream().allMatch(AssumePath::conditional), "Conditional on the SCPs that could not be read: " + assumers);
        } finally {
            moto.authorize(false);
            try (IamClient iam = seed.client(IamClient.builder().region(Region.AWS_GLOBAL), Seed.SEEDER)) {
                iam.deleteUserPolicy(q -> q.userName("auditor").policyName("NoTargets"));
            }
            moto.authorize(true);
        }
    }

    record Cli(int code, String out) {
    }

    /** The command line in a process of its own, with these credentials in its environment, as a user runs it. */
    static Cli cli(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider creds, String... args) throws Exception {
        Process p = process(creds, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Cli(p.exitValue(), out);
    }

    static Process process(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider creds, String... args) throws Exception {
        var key = creds.resolveCredentials();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .filter(x -> !x.isEmpty()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java, "-cp", cp, "dev.gatehouse.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", key.accessKeyId());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", key.secretAccessKey());
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("AWS_SESSION_TOKEN");
        return pb.start();
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " = " + value + " in " + list);
    }

    private static Access access(List<Access> lines, String principal, List<String> via) {
        return lines.stream().filter(a -> a.principal().equals(principal) && a.via().equals(via)).findFirst()
                .orElseThrow(() -> new AssertionError(principal + " via " + via + " not in " + lines));
    }
}
