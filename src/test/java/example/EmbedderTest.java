package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.AccessRequest;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Options;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.api.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Written as compliance tooling would embed Gatehouse: only {@code dev.gatehouse.api} is imported (this
 * package is outside Gatehouse's). Loads the example organization, asks who can read acme-prod-data and
 * who can become administrator, and decides one request.
 */
class EmbedderTest {
    static final String PROD = "arn:aws:iam::111111111111:";

    @Test
    void whoCanReadTheProdBucketAndWhoCanBecomeAdministrator() {
        OrgSnapshot org = Gatehouse.load(Path.of("facts"), Options.defaults());
        assertEquals(List.of(), org.problems());
        List<Access> readers = org.whoCan("arn:aws:s3:::acme-prod-data/reports/q3.csv", List.of("s3:GetObject"));
        Access alice = readers.stream().filter(a -> a.principal().equals(PROD + "user/alice")).findFirst().orElseThrow();
        assertEquals(Verdict.ALLOWED, alice.decision());
        assertTrue(alice.grants().stream().anyMatch(g -> g.contains("DevReadOnly") && g.contains("ReadProdData")), alice.grants().toString());
        Access audit = readers.stream().filter(a -> a.principal().equals("arn:aws:iam::333333333333:role/AuditRole")).findFirst().orElseThrow();
        assertTrue(audit.grants().stream().anyMatch(g -> g.contains("bucket policy") && g.contains("AuditRead")), audit.grants().toString());

        List<String> stages = new ArrayList<>();
        List<EscalationAnswer> answers = org.escalations(new ProgressListener() {
            @Override
            public void stage(String message) {
                stages.add(message);
            }
        });
        assertTrue(!stages.isEmpty(), "the listener hears the analysis's stages; nothing is printed");
        EscalationAnswer bot = answers.stream().filter(a -> a.principal().endsWith("user/build-bot")).findFirst().orElseThrow();
        assertTrue(bot.canEscalate() && bot.conditional(), "build-bot can become LambdaAdminRole under the dev region lock");
        assertEquals("arn:aws:iam::222222222222:role/LambdaAdminRole", bot.paths().get(0).get(0).to());
        assertTrue(answers.stream().filter(EscalationAnswer::admin).anyMatch(a -> a.principal().equals(PROD + "user/ops/ops-admin")));

        InputException e = assertThrows(InputException.class, () -> org.whoCanAssume(PROD + "role/NoSuchRole"));
        assertTrue(e.problems().get(0).message().contains("is not in the facts"), e.getMessage());
    }

    @Test
    void decideOneRequestWithItsReasons() {
        AccessRequest r = AccessRequest.of(PROD + "user/alice", "s3:GetObject", "arn:aws:s3:::acme-prod-data/q3.csv", "111111111111")
                .withIdentityPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        Decision allowed = Gatehouse.decide(r);
        assertEquals(Verdict.ALLOWED, allowed.verdict());
        StatementRef by = allowed.allowedBy().get(0);
        assertEquals(List.of("identity", 0, "Read"), List.of(by.gate(), by.statement(), by.sid()));

        Decision denied = Gatehouse.decide(r.withScpLevel("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"*\",\"Resource\":\"*\"},{\"Sid\":\"NoGet\",\"Effect\":\"Deny\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}"));
        assertEquals(Verdict.EXPLICITLY_DENIED, denied.verdict());
        assertEquals("NoGet", denied.deniedBy().get(0).sid());

        Decision conditional = Gatehouse.decide(AccessRequest.of(PROD + "user/alice", "s3:GetObject", "arn:aws:s3:::b/k", "111111111111")
                .withIdentityPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}")
                .inDiscoveryMode());
        assertEquals(Verdict.CONDITIONAL, conditional.verdict());
        assertEquals(List.of("Bool aws:MultiFactorAuthPresent [true]"), conditional.allowedBy().get(0).conditions());

        InputException bad = assertThrows(InputException.class, () -> Gatehouse.decide(r.withIdentityPolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEqualz\":{\"aws:username\":\"x\"}}}]}")));
        assertTrue(bad.problems().get(0).toString().contains("unknown operator `StringEqualz`"), bad.getMessage());
    }
}
