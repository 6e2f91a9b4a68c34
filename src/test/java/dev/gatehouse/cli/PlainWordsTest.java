package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users read is in their words: an outside principal's own side is a condition on its account, a
 * resource policy is named by its resource, allow-everything SCP and RCP levels are one line, and no
 * output of any command — standard output, the files written, the problem lines — carries an internal
 * key ({@code gatehouse:…}; the program-name prefix {@code gatehouse: } of standard error aside).
 */
class PlainWordsTest {
    static final Pattern INTERNAL = Pattern.compile("gatehouse:(?! )");
    static final String PARTNER = "arn:aws:iam::072528804237:role/Partner";

    @TempDir
    Path dir;

    Path partnerFacts() throws Exception {
        Path acct = dir.resolve("facts/accounts/111111111111");
        Files.createDirectories(acct.resolve("s3"));
        Files.writeString(acct.resolve("iam.json"), "{\"UserDetailList\":[],\"GroupDetailList\":[],\"Policies\":[],"
                + "\"RoleDetailList\":[{\"RoleName\":\"Shared\",\"Arn\":\"arn:aws:iam::111111111111:role/team/Shared\",\"Path\":\"/team/\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PartnerAssumes\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + PARTNER + "\"},\"Action\":\"sts:AssumeRole\"}]},\"AttachedManagedPolicies\":[],"
                + "\"RolePolicyList\":[],\"InstanceProfileList\":[]}]}");
        Files.writeString(acct.resolve("s3/vault-data.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PartnerRead\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + PARTNER + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::vault-data/*\"}]}");
        return dir.resolve("facts");
    }

    @Test
    void anOutsidePrincipalsOwnSideIsAConditionOnItsAccount() throws Exception {
        String facts = partnerFacts().toString();
        CliTest.Run wc = CliTest.run("who-can", "--facts", facts, "--resource", "arn:aws:s3:::vault-data/x", "--action",
                "s3:GetObject", "--format", "json", "--quiet");
        assertEquals(0, wc.code(), wc.err());
        assertTrue(wc.out().contains("\"if account 072528804237 allows it on its side\""), wc.out());
        assertTrue(wc.out().contains("\"bucket policy of vault-data, statement 0 (Sid PartnerRead)\""), wc.out());
        assertTrue(wc.out().contains("\"the policies of account 072528804237 (outside the facts) if account 072528804237 "
                + "allows it on its side\""), wc.out());
        CliTest.Run wca = CliTest.run("who-can-assume", "--facts", facts, "--role", "arn:aws:iam::111111111111:role/team/Shared",
                "--format", "json", "--quiet");
        assertTrue(wca.out().contains("\"trust policy of Shared, statement 0 (Sid PartnerAssumes)\""), wca.out());
        assertTrue(wca.out().contains("\"if account 072528804237 allows it on its side\""), wca.out());
        List<String> seen = everyOutput(facts, "arn:aws:s3:::vault-data/x", PARTNER);
        assertTrue(seen.stream().anyMatch(s -> s.contains("allows it on its side")), "the outputs hold the external side");
    }

    @Test
    void allowEverythingLevelsAreOneLine() throws Exception {
        CliTest.Run wc = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-data/reports/q3.csv", "--action",
                "s3:GetObject", "--format", "json", "--quiet");
        assertTrue(wc.out().contains("\"scp FullAWSAccess at r-acme, ou-prod, 111111111111\", "
                + "\"rcp RCPFullAWSAccess at r-acme, ou-prod, 111111111111\""), wc.out());
        assertTrue(!wc.out().contains("policy FullAWSAccess statement 0"), wc.out());
    }

    @Test
    void noOutputOfTheExampleOrTheLabCarriesAnInternalKey() throws Exception {
        everyOutput("facts", "arn:aws:s3:::acme-dev-shared/feed.csv", "arn:aws:iam::222222222222:user/dave");
        everyOutput(dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json").toString(),
                "arn:aws:s3:::lab/x", "arn:aws:iam::200611803367:user/privesc4-CreateAccessKey-user");
    }

    /** Runs every question on the facts in every format, asserting none of what it prints or writes holds an internal key. */
    List<String> everyOutput(String facts, String resource, String principal) throws Exception {
        List<String> seen = new ArrayList<>();
        Path out = Files.createTempDirectory(dir, "report");
        List<String[]> runs = new ArrayList<>();
        for (String fmt : List.of("json", "csv", "table")) {
            runs.add(new String[] {"who-can", "--facts", facts, "--resource", resource, "--access", "read", "--resource-account",
                    "111111111111", "--format", fmt, "--with-escalation"});
            runs.add(new String[] {"what-can", "--facts", facts, "--principal", principal, "--format", fmt});
            runs.add(new String[] {"privesc", "--facts", facts, "--format", fmt, "--all"});
        }
        runs.add(new String[] {"report", "--facts", facts, "--out", out.toString()});
        runs.add(new String[] {"privesc", "--facts", facts, "--html", out.resolve("graph.html").toString()});
        for (String[] args : runs) {
            CliTest.Run r = CliTest.run(args);
            assertTrue(!INTERNAL.matcher(r.out()).find(), String.join(" ", args) + ":\n" + r.out());
            assertTrue(!INTERNAL.matcher(r.err()).find(), String.join(" ", args) + ":\n" + r.err());
            seen.add(r.out());
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                assertTrue(!INTERNAL.matcher(text).find(), f + " holds an internal key");
                seen.add(text);
            }
        }
        return seen;
    }
}
