package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for what could not be read (issue "Nothing lost, nothing explodes", item 1): a policy Gatehouse
 * cannot read stands as a possible Allow and a possible Deny, so the answers it bears on are Conditional on
 * it — never dropped, never Allowed past it — and every line that rests on it is marked {@code incomplete}
 * with the reason, in the table, JSON, CSV and the report; the exit code is then 1. The report is always
 * written.
 */
class PartialInputTest {
    @TempDir
    Path dir;

    private static final String VERSION = "\"Version\":\"2012-10-17\"";

    /** prod: user reader (its only policy cannot be read), role App (a managed policy missing from the export), bucket data. */
    private Path facts() throws Exception {
        Path acct = dir.resolve("facts/accounts/111111111111");
        Files.createDirectories(acct.resolve("s3"));
        Files.writeString(acct.resolve("iam.json"), "{\"GroupDetailList\":[],\"Policies\":[],"
                + "\"RoleDetailList\":[{\"RoleName\":\"App\",\"Arn\":\"arn:aws:iam::111111111111:role/App\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":{" + VERSION + ",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:user/ops\"},\"Action\":\"sts:AssumeRole\"}]},\"RolePolicyList\":[],"
                + "\"AttachedManagedPolicies\":[{\"PolicyName\":\"Gone\",\"PolicyArn\":\"arn:aws:iam::111111111111:policy/Gone\"}]}],"
                + "\"UserDetailList\":["
                + "{\"UserName\":\"reader\",\"Arn\":\"arn:aws:iam::111111111111:user/reader\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"ReadData\",\"PolicyDocument\":{" + VERSION
                + ",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/*\","
                + "\"Condition\":{\"StringEqualz\":{\"aws:PrincipalTag/team\":\"red\"}}}]}}]},"
                + "{\"UserName\":\"ops\",\"Arn\":\"arn:aws:iam::111111111111:user/ops\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"AssumeApp\",\"PolicyDocument\":{" + VERSION
                + ",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::111111111111:role/App\"}]}}]}]}");
        Files.writeString(acct.resolve("s3/data.json"), "{" + VERSION + ",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::data\"}]}");
        return dir.resolve("facts");
    }

    private static List<JsonNode> json(String text) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Json.mapper().readTree(text).forEach(out::add);
        return out;
    }

    private static JsonNode line(List<JsonNode> lines, String principal, boolean via) {
        return lines.stream().filter(l -> l.get("principal").asText().equals(principal) && (l.path("via").size() > 0) == via).findFirst()
                .orElse(null);
    }

    @Test
    void aUserWhoseOnlyAllowCannotBeReadIsListedConditionalAndMarked() throws Exception {
        Path f = facts();
        CliTest.Run r = CliTest.run("who-can", "--quiet", "--facts", f.toString(), "--resource", "arn:aws:s3:::data/x",
                "--action", "s3:GetObject", "--format", "json");
        assertEquals(1, r.code(), "an answer that rests on what could not be read is not a clean exit: " + r.out());
        JsonNode reader = line(json(r.out()), "arn:aws:iam::111111111111:user/reader", false);
        assertNotNull(reader, "the user whose Allow could not be read was dropped: " + r.out());
        assertEquals("Conditional", reader.get("decision").asText());
        assertTrue(reader.get("conditions").toString().contains("if identity policy ReadData, which could not be read, allows it"),
                reader.toString());
        assertTrue(reader.get("incomplete").asText().contains("unknown operator `StringEqualz`"), reader.toString());
        CliTest.Run t = CliTest.run("who-can", "--quiet", "--facts", f.toString(), "--resource", "arn:aws:s3:::data/x",
                "--action", "s3:GetObject");
        assertEquals(1, t.code());
        assertTrue(t.out().contains("INCOMPLETE: ") && t.out().contains(" rest on policies that could not be read"), t.out());
        CliTest.Run c = CliTest.run("who-can", "--quiet", "--facts", f.toString(), "--resource", "arn:aws:s3:::data/x",
                "--action", "s3:GetObject", "--format", "csv");
        assertTrue(c.out().startsWith("principal,type,decision,actions,via,conditions,incomplete\r\n"), c.out());
        assertTrue(c.out().lines().anyMatch(l -> l.startsWith("arn:aws:iam::111111111111:user/reader,") && l.contains("StringEqualz")),
                c.out());
    }

    @Test
    void aRoleWithAMissingManagedPolicyIsStillAnsweredForItsTrustAndItsRowsAreMarked() throws Exception {
        Path f = facts();
        CliTest.Run a = CliTest.run("who-can-assume", "--quiet", "--facts", f.toString(), "--role", "arn:aws:iam::111111111111:role/App",
                "--format", "json");
        assertTrue(a.out().contains("\"principal\" : \"arn:aws:iam::111111111111:user/ops\""),
                "its trust policy was read: who can assume it is known: " + a.out() + a.err());
        assertEquals(0, a.code(), "the role's own permissions do not bear on who may assume it: " + a.out());
        assertFalse(a.out().contains("\"incomplete\""), a.out());

        Path out = dir.resolve("report");
        CliTest.Run r = CliTest.run("report", "--quiet", "--facts", f.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(Files.exists(out.resolve("report.json")), "the report is always written: " + r.err());
        List<JsonNode> rows = json(Files.readString(out.resolve("report.json")));
        // the role may read the bucket through the policy that could not be read, and ops through the role
        JsonNode app = rows.stream().filter(x -> x.get("resource").asText().equals("arn:aws:s3:::data")
                && x.get("principal").asText().equals("arn:aws:iam::111111111111:role/App") && x.get("access").asText().equals("read"))
                .findFirst().orElse(null);
        assertNotNull(app, "the role whose managed policy is missing may read the data: " + rows);
        assertEquals("Conditional", app.get("decision").asText());
        assertTrue(app.get("conditions").toString().contains("if managed policy arn:aws:iam::111111111111:policy/Gone, which could not be read, allows it"),
                app.toString());
        assertTrue(app.get("incomplete").asText().contains("policy/Gone"), app.toString());
        assertTrue(rows.stream().anyMatch(x -> x.get("principal").asText().equals("arn:aws:iam::111111111111:user/ops")
                && x.path("via").toString().contains("role/App") && x.has("incomplete")), "ops through the role, marked: " + rows);
        String csv = Files.readString(out.resolve("report.csv"));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("arn:aws:s3:::data,read,arn:aws:iam::111111111111:role/App,")
                && l.contains("policy/Gone")), csv);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<b>Incomplete:</b> 2 principals, resources or accounts could not all be read"), "a summary in the HTML");
        assertTrue(html.contains("class=\"Conditional incomplete\""), "marked rows in the HTML");
        assertTrue(r.out().contains("INCOMPLETE: 2 principals, resources or accounts could not all be read; "), r.out());
        // a row that rests only on what was read carries no mark: ops may assume App (its trust policy was read)
        JsonNode assume = rows.stream().filter(x -> x.get("resource").asText().equals("arn:aws:iam::111111111111:role/App")
                && x.get("principal").asText().equals("arn:aws:iam::111111111111:user/ops")).findFirst().orElseThrow();
        assertEquals("Allowed", assume.get("decision").asText());
        assertFalse(assume.has("incomplete"), assume.toString());
    }

    @Test
    void aBucketWhosePolicyCannotBeReadHasRowsThatSayItMayBePublic() throws Exception {
        Path f = facts();
        Files.writeString(f.resolve("accounts/111111111111/s3/vault.json"), "{" + VERSION + ",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3\"}]}");
        Path out = dir.resolve("report");
        CliTest.Run r = CliTest.run("report", "--quiet", "--facts", f.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        List<JsonNode> rows = json(Files.readString(out.resolve("report.json")));
        JsonNode anon = rows.stream().filter(x -> x.get("resource").asText().startsWith("arn:aws:s3:::vault")
                && x.get("principal").asText().equals("anonymous")).findFirst().orElse(null);
        assertNotNull(anon, "the bucket whose policy could not be read had no row: " + rows);
        assertEquals("Conditional", anon.get("decision").asText());
        assertTrue(anon.get("conditions").toString().contains("if bucket policy of vault, which could not be read, allows it"), anon.toString());
        assertTrue(anon.get("incomplete").asText().startsWith("arn:aws:s3:::vault: "), anon.toString());
        CliTest.Run w = CliTest.run("who-can", "--quiet", "--facts", f.toString(), "--resource", "arn:aws:s3:::vault/k",
                "--action", "s3:GetObject", "--format", "json");
        assertEquals(1, w.code());
        assertTrue(w.out().contains("\"principal\" : \"anonymous\""), w.out());
    }

    @Test
    void aBoundaryThatCannotBeFoundNeitherLiftsItsCapNorDenies() throws Exception {
        Path gaad = dir.resolve("boundary.json");
        Files.writeString(gaad, "{\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[],\"UserDetailList\":[{\"UserName\":\"u\","
                + "\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],\"AttachedManagedPolicies\":[],"
                + "\"PermissionsBoundary\":{\"PermissionsBoundaryType\":\"Policy\",\"PermissionsBoundaryArn\":\"arn:aws:iam::111111111111:policy/Cap\"},"
                + "\"UserPolicyList\":[{\"PolicyName\":\"all\",\"PolicyDocument\":{" + VERSION + ",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}}]}]}");
        CliTest.Run r = CliTest.run("who-can", "--quiet", "--facts", gaad.toString(), "--resource", "arn:aws:s3:::data/x",
                "--resource-account", "111111111111", "--action", "s3:PutObject", "--format", "json");
        JsonNode u = line(json(r.out()), "arn:aws:iam::111111111111:user/u", false);
        assertNotNull(u, r.out());
        assertEquals("Conditional", u.get("decision").asText(), "the boundary that could not be found may cap it: " + u);
        assertTrue(u.get("conditions").toString().contains("if permissions boundary arn:aws:iam::111111111111:policy/Cap, which could not be read, allows it"),
                u.toString());
        assertEquals(1, r.code());
    }

    @Test
    void anAccountWhoseExportCannotBeReadStandsAsOneConditionalLine() throws Exception {
        Path f = facts();
        Path dev = f.resolve("accounts/222222222222");
        Files.createDirectories(dev.resolve("s3"));
        Files.writeString(dev.resolve("iam.json"), "{\"UserDetailList\": [");
        Files.writeString(dev.resolve("s3/builds.json"), "{" + VERSION + ",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::builds\"}]}");
        CliTest.Run r = CliTest.run("who-can", "--quiet", "--facts", f.toString(), "--resource", "arn:aws:s3:::builds/x",
                "--action", "s3:GetObject", "--format", "json");
        assertEquals(1, r.code(), r.err());
        JsonNode root = line(json(r.out()), "arn:aws:iam::222222222222:root", false);
        assertNotNull(root, "the owning account's principals, unknown, were answered as nobody: " + r.out());
        assertEquals("Conditional", root.get("decision").asText());
        assertTrue(root.get("conditions").toString().contains("account 222222222222's principals, which could not be read"), root.toString());
        assertTrue(root.get("incomplete").asText().startsWith("222222222222: "), root.toString());
        assertFalse(r.out().contains("\"decision\" : \"Allowed\""), r.out());
    }

    @Test
    void aBucketDefinedTwiceDifferentlyKeepsWhatEitherGrants() throws Exception {
        Path f = facts();
        // the bucket's public policy in s3/ and, again, a policy without the grant in resources.json
        Files.writeString(f.resolve("accounts/111111111111/s3/pub.json"), "{" + VERSION + ",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pub/*\"}]}");
        Files.writeString(f.resolve("accounts/111111111111/resources.json"), "[{\"arn\":\"arn:aws:s3:::pub\",\"policy\":{" + VERSION
                + ",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::pub\"}]}}]");
        CliTest.Run r = CliTest.run("who-can", "--facts", f.toString(), "--resource", "arn:aws:s3:::pub/x", "--action", "s3:GetObject",
                "--format", "json");
        assertTrue(r.err().contains("`arn:aws:s3:::pub` is defined again") && r.err().contains("[GH114]"), r.err());
        assertEquals(1, r.code());
        JsonNode anon = line(json(r.out()), "anonymous", false);
        assertNotNull(anon, "the public row vanished with the second definition: " + r.out());
        assertEquals("Conditional", anon.get("decision").asText());
        assertTrue(anon.get("incomplete").asText().contains("defined twice, differently"), anon.toString());
    }

    @Test
    void anAdministratorDefinedTwiceDifferentlyIsStillFoundAbleToBeOne() throws Exception {
        Path f = facts();
        String admin = "{\"UserName\":\"root-ops\",\"Arn\":\"arn:aws:iam::111111111111:user/root-ops\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"all\",\"PolicyDocument\":{" + VERSION
                + ",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}]}";
        String plain = "{\"UserName\":\"root-ops\",\"Arn\":\"arn:aws:iam::111111111111:user/root-ops\",\"Path\":\"/\",\"GroupList\":[],"
                + "\"AttachedManagedPolicies\":[],\"UserPolicyList\":[]}";
        Path gaad = f.resolve("accounts/111111111111/iam.json");
        Files.writeString(gaad, Files.readString(gaad).replace("\"UserDetailList\":[", "\"UserDetailList\":[" + admin + "," + plain + ","));
        CliTest.Run r = CliTest.run("privesc", "--quiet", "--facts", f.toString(), "--format", "json");
        JsonNode ops = null;
        for (JsonNode a : Json.mapper().readTree(r.out()).get("principals")) {
            if (a.get("principal").asText().equals("arn:aws:iam::111111111111:user/root-ops")) {
                ops = a;
            }
        }
        assertNotNull(ops, r.out());
        assertEquals(1, r.code(), "privesc over facts not all read is no clean answer: " + r.out());
        assertTrue(ops.path("admin").asBoolean(), "the administrator lost admin with its second definition: " + ops);
        assertEquals("Conditional", ops.path("adminDecision").asText(), "which definition holds is unknown: " + ops);
        assertTrue(ops.has("incomplete"), ops.toString());
    }

    @Test
    void aRoleDefinedTwiceWithDifferentTrustKeepsWhoEitherLetsIn() throws Exception {
        Path f = facts();
        // App twice in the export: first trusting only EC2, then (the definition the facts began with) trusting ops
        Path gaad = f.resolve("accounts/111111111111/iam.json");
        String second = "{\"RoleName\":\"App\",\"Arn\":\"arn:aws:iam::111111111111:role/App\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":{" + VERSION + ",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]},\"RolePolicyList\":[],\"AttachedManagedPolicies\":[]}";
        Files.writeString(gaad, Files.readString(gaad).replace("\"RoleDetailList\":[", "\"RoleDetailList\":[" + second + ","));
        CliTest.Run r = CliTest.run("who-can-assume", "--quiet", "--facts", f.toString(), "--role", "arn:aws:iam::111111111111:role/App",
                "--format", "json");
        // which trust policy holds is unknown, so it stands as unknown: anyone may, Conditional on it (the one that
        // trusted EC2 was dropped before: two trust policies of one role share a policy id and compared equal)
        JsonNode anyone = line(json(r.out()), "arn:aws:iam::*:*", false);
        assertNotNull(anyone, "who either definition lets in is not left out: " + r.out());
        assertEquals("Conditional", anyone.get("decision").asText());
        assertTrue(anyone.get("incomplete").asText().startsWith("arn:aws:iam::111111111111:role/App: "), anyone.toString());
        assertTrue(anyone.toString().contains("the two trust policies of App"), anyone.toString());
        assertFalse(r.out().contains("\"decision\" : \"Allowed\""), "neither for certain: which definition holds is unknown: " + r.out());
        assertEquals(1, r.code());
    }
}
