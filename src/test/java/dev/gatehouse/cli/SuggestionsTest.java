package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation with suggestions (issue "The auditor's experience", item 5): an action, condition key, service, principal,
 * resource, option or command that does not exist is refused in one line with the nearest names (exit 1), not
 * answered as if it did; a unique short name is taken for its principal; a policy naming an action or a condition key
 * AWS does not have gets a located warning and is still evaluated as written. Names come from the action catalog
 * (Service Authorization Reference), the global condition keys of the IAM User Guide and the facts.
 */
class SuggestionsTest {
    static final String OBJECT = "arn:aws:s3:::acme-prod-data/reports/q3.csv";

    @TempDir
    Path dir;

    @Test
    void aMisspeltActionIsRefusedWithTheNearestAction() {
        CliTest.Run r = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObjekt");
        assertEquals(Main.ERROR, r.code(), r.err());
        assertTrue(r.err().contains("--action: `s3:GetObjekt` is not an action of s3 in the action catalog")
                && r.err().contains("did you mean `s3:GetObject`?") && r.err().contains("[GH112]"), r.err());
        assertEquals("", r.out(), "no answer for an action that does not exist");
        CliTest.Run svc = CliTest.run("who-can", "--resource", OBJECT, "--action", "s4:GetObject");
        assertTrue(svc.code() == Main.ERROR && svc.err().contains("has no service `s4`; did you mean `s3`?"), svc.err());
        CliTest.Run adHoc = CliTest.run("evaluate", "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObjekt",
                "--resource", OBJECT, "--resource-account", "111111111111");
        assertTrue(adHoc.code() == Main.ERROR && adHoc.err().contains("did you mean `s3:GetObject`?"), adHoc.err());
    }

    @Test
    void aMisspeltConditionKeyIsRefusedWithTheNearestKey() {
        CliTest.Run r = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObject", "--context", "aws:SecureTransprot=true");
        assertEquals(Main.ERROR, r.code(), r.err());
        assertTrue(r.err().contains("`aws:SecureTransprot` is not a global condition key (IAM User Guide); did you mean `aws:SecureTransport`?"), r.err());
        CliTest.Run tag = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObject", "--context", "aws:PrincipalTagg/team=x");
        assertTrue(tag.err().contains("did you mean `aws:PrincipalTag/team`?"), tag.err());
        CliTest.Run svc = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObject", "--context", "s3:prefx=a");
        assertTrue(svc.err().contains("is not a condition key of `s3` in the action catalog") && svc.err().contains("did you mean `s3:prefix`?"), svc.err());
        // keys that exist, in any case, with a tag after the slash, and an identity provider's (listed in part by the reference)
        CliTest.Run ok = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObject", "--context", "aws:principaltag/team=x",
                "--context", "s3:prefix=a", "--context", "token.actions.githubusercontent.com:sub=repo:acme/app:ref:refs/heads/main",
                "--context", "aws:SecureTransport=true");
        assertEquals(Main.ALLOWED, ok.code(), ok.err());
    }

    @Test
    void aMisspeltOptionOrCommandIsOneLineWithTheNearest() {
        CliTest.Run r = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObject", "--fromat", "json");
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("unknown option `--fromat`; did you mean `--format`? [GH112]"), r.err());
        assertTrue(r.err().contains("`gatehouse who-can --help` lists what it takes"), r.err());
        assertFalse(r.err().contains("Usage:"), "one line, not the whole usage: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
        CliTest.Run cmd = CliTest.run("who-cna");
        assertTrue(cmd.code() == Main.ERROR && cmd.err().contains("unknown command `who-cna`; did you mean `who-can`?"), cmd.err());
        CliTest.Run value = CliTest.run("who-can", "--resource", OBJECT, "--action", "s3:GetObject", "--fromat=json");
        assertTrue(value.err().contains("unknown option `--fromat`; did you mean `--format`?"), value.err());
    }

    @Test
    void aUniqueShortNameIsItsPrincipalAndAMisspeltOneGetsTheNearest() {
        CliTest.Run byName = CliTest.run("what-can", "--principal", "alice", "--service", "s3");
        assertEquals(Main.ALLOWED, byName.code(), byName.err());
        assertTrue(byName.out().startsWith("what arn:aws:iam::111111111111:user/alice can do"), byName.out());
        CliTest.Run byArn = CliTest.run("what-can", "--principal", "arn:aws:iam::111111111111:user/alice", "--service", "s3");
        assertEquals(byArn.out(), byName.out(), "the short name is the principal itself");
        CliTest.Run miss = CliTest.run("what-can", "--principal", "alicee");
        assertEquals(Main.ERROR, miss.code());
        assertTrue(miss.err().contains("no user or role of the facts is named `alicee`")
                && miss.err().contains("did you mean `arn:aws:iam::111111111111:user/alice`?") && miss.err().contains("[GH111]"), miss.err());
        CliTest.Run arn = CliTest.run("privesc", "--principal", "arn:aws:iam::111111111111:user/alicee");
        assertTrue(arn.code() == Main.ERROR && arn.err().contains("did you mean `arn:aws:iam::111111111111:user/alice`?"), arn.err());
        CliTest.Run reach = CliTest.run("can-reach", "--from", "dave", "--to", "DeployRole");
        assertEquals(Main.ALLOWED, reach.code(), reach.err());
        assertTrue(reach.out().startsWith("arn:aws:iam::222222222222:user/dave can reach arn:aws:iam::111111111111:role/DeployRole"), reach.out());
        CliTest.Run user = CliTest.run("can-reach", "--from", "dave", "--to", "alice");
        assertTrue(user.code() == Main.ERROR && user.err().contains("is a user: --to must be a role"), user.err());
        CliTest.Run service = CliTest.run("what-can", "--principal", "alice", "--service", "s4");
        assertTrue(service.code() == Main.ERROR && service.err().contains("no service `s4`; did you mean `s3`?"), service.err());
    }

    @Test
    void aShortNameTwoPrincipalsShareIsRefusedWithBoth() throws Exception {
        Path facts = dir.resolve("facts");
        for (String acct : new String[] {"111111111111", "222222222222"}) {
            Path a = Files.createDirectories(facts.resolve("accounts/" + acct));
            Files.writeString(a.resolve("iam.json"), "{\"UserDetailList\":[{\"UserName\":\"ops\",\"Arn\":\"arn:aws:iam::" + acct
                    + ":user/ops\",\"Path\":\"/\",\"UserPolicyList\":[],\"GroupList\":[],\"AttachedManagedPolicies\":[]}],"
                    + "\"GroupDetailList\":[],\"RoleDetailList\":[],\"Policies\":[]}");
        }
        CliTest.Run r = CliTest.run("what-can", "--facts", facts.toString(), "--principal", "ops");
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("`ops` names 2 principals of the facts: arn:aws:iam::111111111111:user/ops, "
                + "arn:aws:iam::222222222222:user/ops; give the ARN"), r.err());
    }

    @Test
    void aMisspeltBucketIsNamedWithTheNearestOne() {
        CliTest.Run r = CliTest.run("who-can", "--resource", "arn:aws:s3:::acme-prod-dat/reports/q3.csv", "--action", "s3:GetObject");
        assertTrue(r.err().contains("`arn:aws:s3:::acme-prod-dat/reports/q3.csv` is not in the facts; did you mean "
                + "`arn:aws:s3:::acme-prod-data/reports/q3.csv`?"), r.err());
    }

    @Test
    void aPolicyNamingWhatAwsDoesNotHaveGetsALocatedWarningAndIsStillEvaluated() throws Exception {
        Path a = Files.createDirectories(dir.resolve("facts/accounts/111111111111"));
        Files.writeString(a.resolve("iam.json"), "{\"UserDetailList\":[{\"UserName\":\"bob\",\"Arn\":\"arn:aws:iam::111111111111:user/bob\","
                + "\"Path\":\"/\",\"GroupList\":[],\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"Read\",\"PolicyDocument\":"
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjekt\"],\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransprot\":\"true\"}}}]}}]}],\"GroupDetailList\":[],\"RoleDetailList\":[],\"Policies\":[]}");
        CliTest.Run r = CliTest.run("who-can", "--facts", dir.resolve("facts").toString(), "--resource", "arn:aws:s3:::b/k",
                "--action", "s3:GetObject", "--resource-account", "111111111111");
        String file = dir.resolve("facts/accounts/111111111111/iam.json").toString();
        assertTrue(r.err().contains(file + ": /UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/0/Action/1: `s3:GetObjekt` is not "
                + "an action of s3 in the action catalog (2026-09-26); did you mean `s3:GetObject`? [GH115]"), r.err());
        assertTrue(r.err().contains("/Statement/0/Condition/Bool/aws:SecureTransprot: `aws:SecureTransprot` is not a global condition key "
                + "(IAM User Guide); did you mean `aws:SecureTransport`? [GH115]"), r.err());
        assertTrue(r.err().contains("1 file loaded; 1 principal, 0 resources; 2 warnings"), "warnings are counted apart from problems: " + r.err());
        assertFalse(r.out().contains("INCOMPLETE"), "a warning leaves nothing unread: " + r.out());
        // evaluated as written: the key no request carries leaves bob Conditional on it, not dropped
        assertEquals(Main.ALLOWED, r.code(), r.err());
        assertTrue(r.out().contains("user/bob") && r.out().contains("Conditional")
                && r.out().contains("aws:SecureTransprot"), r.out());
    }
}
