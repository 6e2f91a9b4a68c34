package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * "Why not" (issue "The auditor's experience", item 4): a can-reach that cannot names what stops the hop
 * straight to the role — the identity side and the trust policy — each in words; a privesc that cannot names its
 * nearest misses (rules/escalation/40-near-misses.drl): the requests an escalation begins with that a policy allows
 * it, the statement, and why each leads to no administrator; an evaluate that denies names, at each gate that lacked
 * an Allow, the statements that name the action and what keeps each from the request.
 */
class WhyNotTest {
    @Test
    void cannotReachNamesWhatStopsTheHopStraightToTheRole() {
        CliTest.Run r = CliTest.run("can-reach", "--from", "alice", "--to", "BreakGlassRole", "--quiet");
        assertEquals(Main.DENIED, r.code(), r.err());
        assertTrue(r.out().startsWith("arn:aws:iam::111111111111:user/alice cannot reach arn:aws:iam::333333333333:role/BreakGlassRole\n"
                + "why not, for the hop straight to it:\n"), r.out());
        assertTrue(r.out().contains("  sts:AssumeRole: no identity policy of arn:aws:iam::111111111111:user/alice allows it\n"), r.out());
        assertTrue(r.out().contains("  sts:AssumeRole: the trust policy of arn:aws:iam::333333333333:role/BreakGlassRole does not allow it "
                + "to arn:aws:iam::111111111111:user/alice"), r.out());
        CliTest.Run can = CliTest.run("can-reach", "--from", "dave", "--to", "DeployRole", "--quiet");
        assertTrue(can.code() == Main.ALLOWED && !can.out().contains("why not"), can.out());
    }

    static final String LAB = dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json").toString();

    /** The lab's privesc2 user may set the default version of its policy, but the export holds one version only. */
    @Test
    void cannotBecomeAdministratorNamesTheNearestMissWithItsStatement() {
        CliTest.Run r = CliTest.run("privesc", "--facts", LAB, "--principal", "privesc2-SetExistingDefaultPolicyVersion-user", "--quiet");
        assertTrue(r.out().startsWith("user/privesc2-SetExistingDefaultPolicyVersion-user cannot become administrator"), r.out());
        assertTrue(r.out().contains("\nwhy not — the nearest misses:\n  - allowed iam:SetDefaultPolicyVersion on "), r.out());
        assertTrue(r.out().contains("(by identity policy privesc2-SetExistingDefaultPolicyVersion statement 0), but the facts hold no "
                + "stored version of those policies, besides the default, that makes it administrator"), r.out());
        CliTest.Run json = CliTest.run("privesc", "--facts", LAB, "--principal", "privesc2-SetExistingDefaultPolicyVersion-user",
                "--quiet", "--format", "json");
        assertTrue(json.out().contains("\"nearMisses\" : [ \"allowed iam:SetDefaultPolicyVersion on arn:aws:iam::200611803367:policy/"), json.out());
        // one that can escalate has a path, not near misses
        CliTest.Run can = CliTest.run("privesc", "--facts", LAB, "--principal", "privesc4-CreateAccessKey-user", "--quiet");
        assertTrue(can.out().contains("can become administrator") && !can.out().contains("why not"), can.out());
    }

    /** A principal no policy allows any first request of an escalation says so, not an empty answer. */
    @Test
    void aPrincipalAllowedNoFirstStepSaysSo() {
        CliTest.Run r = CliTest.run("privesc", "--principal", "alice", "--quiet");
        assertTrue(r.out().contains("cannot become administrator"), r.out());
        assertTrue(r.out().contains("why not — the nearest misses:\n  - no policy allows it any request an escalation begins with"), r.out());
    }

    @Test
    void anImplicitDenyNamesTheAllowsThatMissAndWhy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path policy = dir.resolve("team.json");
        java.nio.file.Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Public\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/public/*\"},"
                + "{\"Sid\":\"OverTls\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}");
        String[] ask = {"evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::b/private/x", "--resource-account", "111111111111", policy.toString()};
        CliTest.Run r = CliTest.run(ask);
        assertEquals(Main.DENIED, r.code(), r.err());
        assertTrue(r.out().contains("  nearest misses:\n    identity: identity policy team.json statement 0 (Sid Public) allows s3:GetObject, "
                + "but on arn:aws:s3:::b/public/*, not arn:aws:s3:::b/private/x\n"), r.out());
        assertTrue(r.out().contains("    identity: identity policy team.json statement 1 (Sid OverTls) allows s3:GetObject, but its condition "
                + "Bool aws:SecureTransport [true] does not hold (aws:SecureTransport is absent)\n"), r.out());
        assertTrue(!r.out().contains("statement 2"), "a statement that does not name the action is no near miss: " + r.out());
        String[] json = java.util.Arrays.copyOf(ask, ask.length + 2);
        json[ask.length] = "--format";
        json[ask.length + 1] = "json";
        assertTrue(CliTest.run(json).out().contains("\"nearMisses\" : [ \"identity: identity policy team.json statement 0 (Sid Public)"));
    }
}
