package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.AccessChange;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse diff} on the example organization and a copy that differs by one statement of each kind of
 * policy: identity, resource, boundary, SCP, RCP, trust. Each gives exactly the access it changes, with the statement
 * that causes it; unchanged facts give an empty diff; a gain exits 2.
 */
class DiffTest {
    @TempDir
    Path dir;

    private static final String PROD = "accounts/111111111111/iam.json";

    private Path copy(String name) throws Exception {
        Path to = dir.resolve(name);
        try (Stream<Path> s = Files.walk(Path.of("facts"))) {
            for (Path p : s.toList()) {
                Path t = to.resolve(Path.of("facts").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    private Path edited(String name, String file, Consumer<JsonNode> edit) throws Exception {
        Path d = copy(name);
        JsonNode n = Json.mapper().readTree(d.resolve(file).toFile());
        edit.accept(n);
        Files.writeString(d.resolve(file), n.toPrettyString());
        return d;
    }

    private static ObjectNode statement(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode named(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(value);
    }

    private static ArrayNode defaultDocument(JsonNode gaad, String policy) {
        for (JsonNode v : named(gaad.get("Policies"), "PolicyName", policy).get("PolicyVersionList")) {
            if (v.path("IsDefaultVersion").asBoolean()) {
                return (ArrayNode) v.at("/Document/Statement");
            }
        }
        throw new AssertionError(policy);
    }

    /** The changes in words: {@code gained write arn:aws:s3:::acme-prod-data arn:…:user/alice}. */
    private List<String> diff(Path before, Path after) {
        return changes(before, after).stream().map(c -> (c.gained() ? "gained " : "lost ") + c.access() + " " + c.resource()
                + (c.principal().equals(c.resource()) ? "" : " " + c.principal())).toList();
    }

    /**
     * The changes, asked twice: of two snapshots that decide everything, and of an after snapshot that takes the
     * decisions the before snapshot remembered (as the command line does) — the two must agree in every field.
     */
    private List<AccessChange> changes(Path before, Path after) {
        List<AccessChange> fresh = Gatehouse.diff(Gatehouse.load(before), Gatehouse.load(after), ProgressListener.NONE);
        OrgSnapshot remembering = Gatehouse.load(before).remembering();
        assertEquals(fresh, Gatehouse.diff(remembering, Gatehouse.loadAfter(after, remembering), ProgressListener.NONE),
                "the diff with decisions remembered from before");
        return fresh;
    }

    @Test
    void unchangedFactsGiveAnEmptyDiffAndExitZero() throws Exception {
        Path same = copy("same");
        assertEquals(List.of(), diff(Path.of("facts"), same));
        CliTest.Run r = CliTest.run("diff", "--before", "facts", "--after", same.toString(), "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("diff facts → " + same + ": 0 gained, 0 lost"), r.out());
    }

    @Test
    void anIdentityStatementGainsItsAccessWithTheStatementThatCausesIt() throws Exception {
        Path after = edited("identity", PROD, n -> defaultDocument(n, "DevReadOnly").add(statement(
                "{\"Sid\":\"AlsoWrite\",\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::acme-prod-data/*\"}")));
        assertEquals(List.of("gained write arn:aws:s3:::acme-prod-data arn:aws:iam::111111111111:user/alice",
                "gained write arn:aws:s3:::acme-prod-data arn:aws:iam::111111111111:user/bob"), diff(Path.of("facts"), after));
        AccessChange alice = changes(Path.of("facts"), after).get(0);
        assertEquals(List.of("s3:PutObject"), alice.actions());
        assertTrue(alice.because().stream().anyMatch(b -> b.contains("DevReadOnly statement 1 (Sid AlsoWrite)")), alice.because().toString());
        CliTest.Run r = CliTest.run("diff", "--before", "facts", "--after", after.toString(), "--quiet");
        assertEquals(2, r.code(), "access gained: exit 2");
        assertTrue(r.out().contains("GAINED  write         arn:aws:s3:::acme-prod-data  arn:aws:iam::111111111111:user/alice  (none → Allowed)  s3:PutObject"), r.out());
    }

    @Test
    void aResourceStatementRemovedLosesThePartnersRead() throws Exception {
        Path after = edited("resource", "accounts/222222222222/resources.json", n -> ((ObjectNode) n.get(1)).put("policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
        assertEquals(List.of("lost read arn:aws:s3:::acme-dev-shared arn:aws:iam::999999999999:root"), diff(Path.of("facts"), after));
        assertEquals(0, CliTest.run("diff", "--before", "facts", "--after", after.toString(), "--quiet").code(), "only lost: exit 0");
    }

    @Test
    void aBoundaryWidenedGainsTheDataScientistsWrite() throws Exception {
        Path after = edited("boundary", PROD, n -> defaultDocument(n, "DataScienceBoundary").add(statement(
                "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}")));
        // and alice, whom its trust policy lets in, gains it through the role
        assertEquals(List.of("gained write arn:aws:s3:::acme-prod-data arn:aws:iam::111111111111:role/analytics/DataScientist",
                "gained write arn:aws:s3:::acme-prod-data arn:aws:iam::111111111111:user/alice"), diff(Path.of("facts"), after));
        AccessChange alice = changes(Path.of("facts"), after).get(1);
        assertTrue(alice.because().stream().anyMatch(b -> b.contains("DataScienceBoundary")), "the boundary's statement: " + alice.because());
    }

    @Test
    void anScpDenyLosesTheSecurityAccountsRead() throws Exception {
        Path after = edited("scp", "organization.json", n -> {
            ObjectNode p = ((ArrayNode) n.get("Policies")).addObject();
            p.put("Id", "p-nosecread").put("Name", "NoReadsFromSecurity").put("Type", "SERVICE_CONTROL_POLICY");
            p.set("Content", statement("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
            p.putArray("Targets").add("ou-sec");
        });
        // the security account's principals (the SCP applies to them alone) lose their reads: of the prod data, which the
        // bucket policy grants AuditRole (and whoever becomes it), and of the public bucket
        List<String> expected = new java.util.ArrayList<>();
        for (String bucket : List.of("acme-dev-public", "acme-prod-data")) {
            for (String p : List.of("role/AuditRole", "role/BreakGlassRole", "user/sec-analyst")) {
                expected.add("lost read arn:aws:s3:::" + bucket + " arn:aws:iam::333333333333:" + p);
            }
        }
        assertEquals(expected, diff(Path.of("facts"), after));
        AccessChange audit = changes(Path.of("facts"), after).get(0);
        assertEquals("s3:GetObject denied by scp level ou-sec policy NoReadsFromSecurity statement 0", audit.because().get(0),
                "the Deny that now stands, then what granted it: " + audit.because());
        assertTrue(audit.because().contains("was granted by bucket policy of acme-dev-public, statement 0 (Sid PublicRead)"), audit.because().toString());
    }

    @Test
    void anRcpDenyLosesTheOutsideReads() throws Exception {
        Path after = edited("rcp", "organization.json", n -> {
            ObjectNode p = ((ArrayNode) n.get("Policies")).addObject();
            p.put("Id", "p-devorgonly").put("Name", "DevOrgOnly").put("Type", "RESOURCE_CONTROL_POLICY");
            p.set("Content", statement("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                    + "\"Resource\":\"*\",\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-acme12345\"},"
                    + "\"BoolIfExists\":{\"aws:PrincipalIsAWSService\":\"false\"}}}]}"));
            p.putArray("Targets").add("ou-dev");
        });
        assertEquals(List.of("lost read arn:aws:s3:::acme-dev-public anonymous",
                "lost read arn:aws:s3:::acme-dev-shared arn:aws:iam::999999999999:root"), diff(Path.of("facts"), after));
        // callers outside the facts: what granted it is said (the deny is not asked of them)
        assertTrue(changes(Path.of("facts"), after).get(1).because().stream().anyMatch(b -> b.startsWith("was granted by") && b.contains("PartnerRead")));
    }

    @Test
    void aTrustStatementRemovedLosesTheCiPipelinesAssumption() throws Exception {
        Path after = edited("trust", PROD, n -> ((ArrayNode) named(n.get("RoleDetailList"), "RoleName", "DeployRole")
                .at("/AssumeRolePolicyDocument/Statement")).remove(1));
        // dev's CiRole, and all that reach DeployRole through it, no longer assume it, nor act as it on the artifacts bucket
        List<String> through = List.of("arn:aws:iam::222222222222:role/CiRole", "arn:aws:iam::222222222222:role/LambdaAdminRole",
                "arn:aws:iam::222222222222:user/dave", "codebuild.amazonaws.com", "lambda.amazonaws.com");
        List<String> expected = new java.util.ArrayList<>();
        through.forEach(p -> expected.add("lost assume arn:aws:iam::111111111111:role/DeployRole " + p));
        through.forEach(p -> expected.add("lost read arn:aws:s3:::acme-prod-artifacts " + p));
        through.forEach(p -> expected.add("lost write arn:aws:s3:::acme-prod-artifacts " + p));
        assertEquals(expected, diff(Path.of("facts"), after));
        AccessChange ci = changes(Path.of("facts"), after).get(0);
        assertTrue(ci.because().stream().anyMatch(b -> b.contains("CiPipeline")), "the trust statement removed: " + ci.because());
    }

    @Test
    void aDiffAsSarifIsValid() throws Exception {
        Path after = edited("sarif", PROD, n -> defaultDocument(n, "DevReadOnly").add(statement(
                "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::acme-prod-data/*\"}")));
        CliTest.Run r = CliTest.run("diff", "--before", "facts", "--after", after.toString(), "--quiet", "--format", "sarif");
        assertEquals(2, r.code());
        JsonNode sarif = Json.mapper().readTree(r.out());
        assertEquals(java.util.Set.of(), dev.gatehouse.report.SarifAccess.problems(sarif));
        assertEquals("GHF008", sarif.at("/runs/0/results/0/ruleId").asText());
        assertEquals(after.resolve("accounts/111111111111/s3/acme-prod-data.json").toString(),
                sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    }
}
