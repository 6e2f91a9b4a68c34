package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @TempDir
    Path dir;

    @Test
    void adHocQuestionExplainsAndSetsTheExitCode() throws Exception {
        Path id = dir.resolve("read.json");
        Files.writeString(id, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        Path guard = dir.resolve("guard.json");
        Files.writeString(guard, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoGet\",\"Effect\":\"Deny\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}");
        Path full = dir.resolve("full.json");
        Files.writeString(full, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        String[] q = {"evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--resource-account", "111111111111"};
        Run allowed = run(concat(q, id.toString()));
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(allowed.out().startsWith("Allowed:"), allowed.out());
        assertTrue(allowed.out().contains("identity policy read.json statement 0 (Sid Read)"), allowed.out());

        Run denied = run(concat(q, "--scp", full + "," + guard, id.toString()));
        assertEquals(2, denied.code(), denied.err());
        assertTrue(denied.out().startsWith("ExplicitlyDenied:"), denied.out());
        assertTrue(denied.out().contains("scp level scp-level-0 policy guard.json statement 0 (Sid NoGet)"), denied.out());

        Run none = run(q);
        assertEquals(2, none.code());
        assertTrue(none.out().contains("no matching Allow in:\n    identity"), none.out());

        Run json = run(concat(q, "--format", "json", id.toString()));
        assertTrue(json.out().contains("\"decision\" : \"Allowed\""), json.out());
    }

    @Test
    void badInputIsOneLinePerProblemAndExitCodeOne() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"a\":\"b\"}}}]}");
        Run r = run("evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--resource-account", "111111111111", bad.toString());
        assertEquals(1, r.code());
        assertEquals("gatehouse: " + bad + ": /Statement/0/Condition: unknown operator `StringEqualz` [GH105]\n", r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
        Run missing = run("evaluate", "--cases", dir.resolve("nope.json").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.json: no such file"), missing.err());
    }

    @Test
    void casesModeWritesOneJsonLinePerCaseAndKeepsGoingPastBadCases() throws Exception {
        Path cases = dir.resolve("cases.json");
        Files.writeString(cases, """
                [{"name":"ok","principal":"arn:aws:iam::111111111111:user/a","action":"s3:GetObject","resource":"arn:aws:s3:::b/k",
                  "resourceAccount":"111111111111","identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]},
                 {"name":"bad","principal":"nobody","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resourceAccount":"111111111111"}]
                """);
        Run r = run("evaluate", "--cases", cases.toString());
        assertEquals(1, r.code());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains("\"decision\":\"Allowed\""), lines[0]);
        assertTrue(lines[1].contains("\"decision\":\"Error\""), lines[1]);
        assertTrue(r.err().contains("/1/principal: expected an IAM user"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"evaluate", "who-can", "what-can", "who-can-assume", "can-reach", "privesc", "report", "bench",
                "bench-org", "bench-privesc", "diff-test"}) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage: gatehouse " + cmd), r.out());
        }
    }

    @Test
    void theReportIsWrittenInThreeFormsAndIsTheSameEveryTime() throws Exception {
        Run a = run("report", "--quiet", "--out", dir.resolve("a").toString());
        Run b = run("report", "--quiet", "--out", dir.resolve("b").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        for (String f : new String[] {"report.json", "report.csv", "report.html", "privesc.json", "privesc.html"}) {
            assertEquals(Files.readString(dir.resolve("a").resolve(f)), Files.readString(dir.resolve("b").resolve(f)), f);
        }
        assertTrue(Files.readString(dir.resolve("a/report.html")).contains("<a href=\"privesc.html\">"), "the report links the graph");
        assertTrue(Files.readString(dir.resolve("a/privesc.json")).contains("\"principal\" : \"arn:aws:iam::222222222222:user/build-bot\""));
        String csv = Files.readString(dir.resolve("a/report.csv"));
        assertTrue(csv.startsWith("resource,access,principal,type,decision,actions,via,conditions,incomplete\r\n"), csv);
        assertTrue(csv.contains("arn:aws:iam::111111111111:role/DeployRole,assume,arn:aws:iam::222222222222:user/dave,user,Allowed,"
                + "sts:AssumeRole,arn:aws:iam::222222222222:role/CiRole,"), csv);
        String html = Files.readString(dir.resolve("a/report.html"));
        assertTrue(html.contains("onclick=\"sortBy('report',0)\"") && html.contains("<td>arn:aws:s3:::acme-dev-public</td>"), "sortable table");
    }

    @Test
    void questionsAnswerInTableJsonAndCsv() {
        Run t = run("who-can", "--quiet", "--resource", "arn:aws:s3:::acme-dev-shared/f", "--action", "s3:GetObject");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().matches("(?s).*arn:aws:iam::999999999999:root +external-account +Allowed.*"), t.out());
        Run j = run("who-can", "--quiet", "--format", "json", "--resource", "arn:aws:s3:::acme-dev-shared/f", "--action", "s3:GetObject");
        assertTrue(j.out().contains("\"principal\" : \"arn:aws:iam::999999999999:root\""), j.out());
        Run c = run("can-reach", "--quiet", "--format", "csv", "--from", "arn:aws:iam::111111111111:user/alice",
                "--to", "arn:aws:iam::111111111111:role/DeployRole");
        assertEquals(2, c.code());
        Run bad = run("who-can", "--quiet", "--resource", "arn:aws:s3:::nowhere/x", "--access", "reed");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--access: expected read, write, list, tagging or permissions, found `reed`"), bad.err());
    }

    @Test
    void privescAnswersInTextAndJsonWithItsExitCodeAndWritesTheGraph() throws Exception {
        Run t = run("privesc", "--quiet", "--format", "text");
        assertEquals(2, t.code(), "someone can escalate: " + t.err());
        assertTrue(t.out().startsWith("15 principals: 5 administrators, 3 can escalate to administrator"), t.out());
        assertTrue(t.out().matches("(?s).*user/build-bot +no +conditional +→ iam:PassRole\\+lambda:CreateFunction\\+lambda:InvokeFunction.*"), t.out());
        Path html = dir.resolve("privesc.html");
        Run j = run("privesc", "--quiet", "--format", "json", "--principal", "arn:aws:iam::333333333333:user/sec-analyst",
                "--html", html.toString());
        assertEquals(2, j.code(), j.err());
        com.fasterxml.jackson.databind.JsonNode root = dev.gatehouse.policy.Json.parse(j.out(), "out");
        com.fasterxml.jackson.databind.JsonNode p = root.get("principals").get(0);
        assertEquals("arn:aws:iam::333333333333:user/sec-analyst", p.get("principal").asText());
        assertEquals(false, p.get("admin").asBoolean());
        assertEquals(true, p.get("canEscalate").asBoolean());
        com.fasterxml.jackson.databind.JsonNode step = p.get("paths").get(0).get(0);
        assertEquals("sts:AssumeRole", step.get("edge").asText());
        assertEquals("arn:aws:iam::333333333333:role/AuditRole", step.get("to").asText());
        assertTrue(step.get("proof").get(0).asText().startsWith("arn:aws:iam::333333333333:user/sec-analyst sts:AssumeRole "
                + "arn:aws:iam::333333333333:role/AuditRole: Allowed by "), step.toString());
        assertTrue(Files.readString(html).contains("<svg"));
        Run admin = run("privesc", "--quiet", "--principal", "arn:aws:iam::111111111111:user/ops/ops-admin");
        assertEquals(0, admin.code(), "an administrator has nothing to escalate to");
        assertTrue(admin.out().startsWith("arn:aws:iam::111111111111:user/ops/ops-admin is administrator"), admin.out());
        Run unknown = run("privesc", "--quiet", "--principal", "arn:aws:iam::111111111111:user/nobody");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("--principal: the principal `arn:aws:iam::111111111111:user/nobody` is not in the facts"), unknown.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void topLevelHelpListsTheAuditorsCommandsFirstAndTheToolsApart() {
        Run help = run("--help");
        assertEquals(0, help.code());
        String out = help.out();
        int questions = out.indexOf("Questions:");
        int tools = out.indexOf("Tools for developers:");
        assertTrue(questions > 0 && tools > questions, out);
        for (String q : new String[] {"evaluate", "who-can", "what-can", "who-can-assume", "can-reach", "privesc", "report"}) {
            int at = out.indexOf("\n  " + q + " ");
            assertTrue(at > questions && at < tools, q + " is one of the questions:\n" + out);
        }
        for (String t : new String[] {"bench", "bench-org", "bench-privesc", "diff-test"}) {
            assertTrue(out.indexOf("\n  " + t + " ") > tools, t + " is a tool:\n" + out);
        }
        // only the command asked for is set up; a mistyped one still gets the suggestion drawn from them all
        Run typo = run("evaluat", "--cases", "x.json");
        assertEquals(1, typo.code());
        assertTrue(typo.err().contains("unknown command `evaluat`; did you mean `evaluate`?"), typo.err());
    }

    @Test
    void canReachSaysWhatIsNotInTheFactsAndExitsThreeOnAConditionalPath() {
        String deploy = "arn:aws:iam::111111111111:role/DeployRole";
        Run typo = run("can-reach", "--quiet", "--from", "arn:aws:iam::222222222222:user/Dave", "--to", deploy);
        assertEquals(1, typo.code(), "a typo is not 'cannot reach'");
        assertTrue(typo.err().contains("the principal `arn:aws:iam::222222222222:user/Dave` is not in the facts") && typo.err().contains("[GH111]"),
                typo.err());
        Run user = run("can-reach", "--quiet", "--from", "arn:aws:iam::222222222222:user/dave", "--to", "arn:aws:iam::111111111111:user/bob");
        assertEquals(1, user.code());
        assertTrue(user.err().contains("--to must be a role"), user.err());
        Run bob = run("can-reach", "--quiet", "--from", "arn:aws:iam::111111111111:user/bob", "--to", deploy);
        assertEquals(3, bob.code(), "bob reaches DeployRole only with MFA: " + bob.out());
        assertTrue(bob.out().contains("(under conditions)"), bob.out());
        assertEquals(0, run("can-reach", "--quiet", "--from", "arn:aws:iam::222222222222:user/dave", "--to", deploy).code());
    }

    @Test
    void outputPathsAreCheckedBeforeTheWorkAndWrittenWhole() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        Run onFile = run("report", "--out", file.toString());
        assertEquals(1, onFile.code());
        assertTrue(onFile.err().contains("--out: `" + file + "` is a file; expected a folder to write into [GH112]"), onFile.err());
        assertTrue(!onFile.err().contains("files loaded") && !onFile.err().contains("Exception"),
                "refused before loading anything, without a stack trace: " + onFile.err());
        Path graph = dir.resolve("new/sub/graph.html");
        Run html = run("privesc", "--quiet", "--html", graph.toString());
        assertEquals(2, html.code(), html.err());
        assertTrue(Files.readString(graph).contains("<svg"), "the missing folders are created and the graph written");
        Run onDir = run("privesc", "--quiet", "--html", dir.toString());
        assertEquals(1, onDir.code());
        assertTrue(onDir.err().contains("is a folder; expected a file name"), onDir.err());
        Path out = dir.resolve("report");
        assertEquals(0, run("report", "--quiet", "--out", out.toString()).code());
        try (var files = Files.list(out)) {
            assertEquals(java.util.List.of("findings.json", "privesc.html", "privesc.json", "report.csv", "report.html", "report.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no staged file is left behind");
        }
    }

    @Test
    void aResourceNamingNoAccountBelongsToTheOneAccountOfSingleAccountFacts() throws Exception {
        Path gaad = dir.resolve("gaad.json");
        Files.writeString(gaad, "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],\"UserDetailList\":[{\"UserName\":\"u\","
                + "\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],\"AttachedManagedPolicies\":[],"
                + "\"UserPolicyList\":[{\"PolicyName\":\"read\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}]}]}");
        Run r = run("who-can", "--facts", gaad.toString(), "--resource", "arn:aws:s3:::some-bucket/k", "--action", "s3:GetObject");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("taken as owned by 111111111111, the one account of the facts"), r.err());
        assertTrue(r.out().contains("\nuser/u ") && r.out().contains("(account 111111111111;"), r.out());
        Run multi = run("who-can", "--resource", "arn:aws:s3:::some-bucket/k", "--action", "s3:GetObject");
        assertEquals(1, multi.code(), "the example holds several accounts: the owner must be given");
        assertTrue(multi.err().contains("give --resource-account"), multi.err());
    }

    @Test
    void anExportInPagesLoadsAndFactsInWhichNothingLoadedAreNoAnswer() throws Exception {
        String user = "{\"UserName\":\"%s\",\"Arn\":\"arn:aws:iam::111111111111:user/%s\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"all\",\"PolicyDocument\":{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}]}";
        Path pages = dir.resolve("pages.json");
        Files.writeString(pages, "[{\"UserDetailList\":[" + String.format(user, "a", "a") + "],\"IsTruncated\":true,\"Marker\":\"m\"},"
                + "{\"UserDetailList\":[" + String.format(user, "b", "b") + "],\"RoleDetailList\":[],\"GroupDetailList\":[],\"Policies\":[]}]");
        Run both = run("privesc", "--facts", pages.toString(), "--format", "json");
        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().contains("user/a") && both.out().contains("user/b"), "both pages load: " + both.out());
        assertTrue(both.err().contains("2 principals"), both.err());
        Path wrapped = dir.resolve("wrapped.json");
        Files.writeString(wrapped, "{\"AccountAuthorizationDetails\":{\"UserDetailList\":[" + String.format(user, "a", "a") + "]}}");
        Run none = run("privesc", "--facts", wrapped.toString());
        assertEquals(1, none.code(), "an export that was not read is no answer: " + none.out());
        assertTrue(none.err().contains("nothing was loaded") && none.err().contains("expected the output of `aws iam get-account-authorization-details`"),
                none.err());
        assertTrue(!none.out().contains("0 principals"), none.out());
    }

    @Test
    void aResourceOrPrincipalDefinedTwiceIsReportedAndWhenTheTwoDifferRefused() throws Exception {
        Path acct = dir.resolve("twice/accounts/111111111111");
        Files.createDirectories(acct.resolve("s3"));
        String user = "{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[]}";
        Files.writeString(acct.resolve("iam.json"), "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],\"UserDetailList\":["
                + user + "," + user + "]}");
        Files.writeString(acct.resolve("s3/pub.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pub/*\"}]}");
        Files.writeString(acct.resolve("resources.json"), "[{\"arn\":\"arn:aws:s3:::pub\",\"policy\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::pub/*\"}]}}]");
        Run r = run("who-can", "--facts", dir.resolve("twice").toString(), "--resource", "arn:aws:s3:::pub/x", "--action", "s3:GetObject");
        assertEquals(1, r.code(), "the bucket's two policies differ: no answer rests on either (the public row must not vanish)");
        assertTrue(r.err().contains("`arn:aws:s3:::pub` is defined again") && r.err().contains("the two differ") && r.err().contains("[GH114]"),
                r.err());
        assertTrue(r.err().contains("`arn:aws:iam::111111111111:user/u` is defined again") && r.err().contains("both say the same"), r.err());
        assertEquals(0, run("what-can", "--facts", dir.resolve("twice").toString(), "--principal", "arn:aws:iam::111111111111:user/u",
                "--quiet").code(), "a user defined twice alike is still answered");
    }

    @Test
    void controlCharactersFromFileNamesNeverReachTheTerminalOrTheCsvRaw() throws Exception {
        Path acct = dir.resolve("hostile/accounts/111111111111");
        Files.createDirectories(acct.resolve("s3"));
        Files.writeString(acct.resolve("iam.json"), "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],\"UserDetailList\":[]}");
        Files.writeString(acct.resolve("s3/ev\u001b[31mil.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        Files.writeString(acct.resolve("s3/bro\rken\u001b[2J.json"), "{not json");
        Path out = dir.resolve("hostile-report");
        Run r = run("report", "--facts", dir.resolve("hostile").toString(), "--out", out.toString());
        for (String text : new String[] {r.out(), r.err(), Files.readString(out.resolve("report.csv"))}) {
            assertTrue(text.chars().noneMatch(c -> c == 0x1b), "no raw escape character: " + text);
        }
        assertTrue(r.err().contains("\\u001b[2J"), "the skipped file is named, escaped: " + r.err());
        String csv = Files.readString(out.resolve("report.csv"));
        assertTrue(csv.contains("\\u001b[31m"), "the bucket's name is escaped in the CSV: " + csv);
        assertTrue(csv.replace("\r\n", "").indexOf('\r') < 0, "no lone carriage return in the CSV");
        assertTrue(r.err().replace("\r\n", "\n").lines().noneMatch(l -> l.contains("bro") && l.indexOf('\r') >= 0), r.err());
    }

    @Test
    void anScpThatCannotBeReadStillStandsAsAPossibleDenyNeverAsNone() throws Exception {
        Path facts = dir.resolve("unreadable-scp");
        Files.createDirectories(facts.resolve("accounts/111111111111/s3"));
        Files.writeString(facts.resolve("organization.json"), """
                {"Id":"o-t","ManagementAccountId":"100000000001","Roots":[{"Id":"r-root"}],"OrganizationalUnits":[],
                 "Accounts":[{"Id":"111111111111","Name":"prod","ParentId":"r-root"}],
                 "Policies":[{"Id":"p-full","Name":"FullAWSAccess","Type":"SERVICE_CONTROL_POLICY","Targets":["r-root","111111111111"],
                   "Content":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}},
                  {"Id":"p-vpn","Name":"DenyOutsideVpn","Type":"SERVICE_CONTROL_POLICY","Targets":["111111111111"],
                   "Content":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
                     "Condition":{"NotIpAddress":{"aws:SourceIp":"10.*.*.*"}}}]}}]}""");
        Files.writeString(facts.resolve("accounts/111111111111/iam.json"), "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],"
                + "\"UserDetailList\":[{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"read\",\"PolicyDocument\":{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}]}]}");
        Files.writeString(facts.resolve("accounts/111111111111/s3/data.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::data\"}]}");
        Run r = run("who-can", "--facts", facts.toString(), "--resource", "arn:aws:s3:::data/x", "--action", "s3:GetObject",
                "--context", "aws:SourceIp=203.0.113.7", "--format", "json");
        assertTrue(r.err().contains("expected an IP address or CIDR block for `NotIpAddress`, found `10.*.*.*`"), r.err());
        assertTrue(r.out().contains("\"decision\" : \"Conditional\""), "the unreadable SCP's Deny still may apply: " + r.out());
        assertTrue(r.out().contains("unless SCP DenyOutsideVpn, which could not be read, denies it"), r.out());
        assertTrue(!r.out().contains("\"decision\" : \"Allowed\""), "never Allowed as if the SCP were not there: " + r.out());
    }

    @Test
    void aUserWhoseDenyCannotBeReadIsNeverListedAllowed() throws Exception {
        Path gaad = dir.resolve("broken-deny.json");
        Files.writeString(gaad, "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],\"UserDetailList\":[{\"UserName\":\"u\","
                + "\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],\"AttachedManagedPolicies\":[],"
                + "\"UserPolicyList\":[{\"PolicyName\":\"read\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}},{\"PolicyName\":\"NoProd\",\"PolicyDocument\":"
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3\"}]}}]}]}");
        Run r = run("who-can", "--facts", gaad.toString(), "--resource", "arn:aws:s3:::data/x", "--resource-account", "111111111111",
                "--action", "s3:GetObject", "--format", "json");
        assertTrue(r.err().contains("expected a whole ARN"), r.err());
        assertTrue(r.out().contains("\"decision\" : \"Conditional\"") && !r.out().contains("\"decision\" : \"Allowed\""), r.out());
        assertTrue(r.out().contains("unless identity policy NoProd, which could not be read, denies it"), r.out());
    }

    @Test
    void aReportOverFactsNotAllReadSaysSoAndExitsOne() throws Exception {
        Path acct = dir.resolve("partial/accounts/111111111111");
        Files.createDirectories(acct.resolve("s3"));
        Files.writeString(acct.resolve("iam.json"), "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],\"UserDetailList\":["
                + "{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[]}]}");
        Files.writeString(acct.resolve("s3/open.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3\"}]}");
        Path out = dir.resolve("partial-report");
        Run r = run("report", "--quiet", "--facts", dir.resolve("partial").toString(), "--out", out.toString());
        assertEquals(1, r.code(), "the public bucket whose policy could not be read has no row: not a clean exit");
        assertTrue(r.out().contains("INCOMPLETE: 1 principals, resources or accounts") && r.out().contains("arn:aws:s3:::open"), r.out());
        assertTrue(Files.exists(out.resolve("report.json")), "the report is still written");
    }
}
