package dev.gatehouse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.tools.gen.DiffTestAccess;
import dev.gatehouse.policy.Json;
import org.junit.jupiter.api.Test;

/** The differential run's classifier: a disagreement is explained only by the feature its divergence is about. */
class DiffClassifyTest {
    @Test
    void aDisagreementIsExplainedOnlyInTheDirectionOfItsDivergence() {
        var root = Json.parse("{\"principal\":\"arn:aws:iam::111111111111:root\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\"}", "t");
        assertTrue(DiffTestAccess.classify(root, "Allowed", "ImplicitlyDenied").startsWith("§7: the root user"));
        assertNull(DiffTestAccess.classify(root, "ImplicitlyDenied", "Allowed"), "a root user we deny is not explained");
        var user = Json.parse("{\"principal\":\"arn:aws:iam::111111111111:user/a\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\"}", "t");
        assertNull(DiffTestAccess.classify(user, "Allowed", "ImplicitlyDenied"), "nothing names this disagreement");
        var slr = Json.parse("{\"principal\":\"arn:aws:iam::111111111111:role/aws-service-role/x.amazonaws.com/R\","
                + "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\","
                + "\"scps\":[[]]}", "t");
        assertEquals("§7: the oracle applies SCPs to service-linked roles", DiffTestAccess.classify(slr, "Allowed", "ImplicitlyDenied"));
        var someSession = namedByBucketPolicy("arn:aws:iam::111111111111:role/AppRole", "arn:aws:sts::111111111111:assumed-role/AppRole/s1", true);
        assertTrue(DiffTestAccess.classify(someSession, "Conditional", "Allowed").contains("some session of it"));
        assertNull(DiffTestAccess.classify(someSession, "ImplicitlyDenied", "Allowed"), "denying the role outright is not explained");
        var federated = namedByBucketPolicy("arn:aws:sts::111111111111:federated-user/fred", "arn:aws:iam::111111111111:user/alice", false);
        assertTrue(DiffTestAccess.classify(federated, "Conditional", "ImplicitlyDenied").contains("federated user session may have been created"));
        assertNull(DiffTestAccess.classify(federated, "Allowed", "ImplicitlyDenied"), "allowing it outright is not explained");
    }

    /** A GetObject case whose bucket policy allows the one principal it names. */
    private static com.fasterxml.jackson.databind.JsonNode namedByBucketPolicy(String principal, String named, boolean discovery) {
        return Json.parse("{\"principal\":\"" + principal + "\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\","
                + "\"resourceAccount\":\"111111111111\"," + (discovery ? "\"mode\":\"Discovery\"," : "") + "\"resourcePolicy\":"
                + "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + named + "\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}}", "t");
    }
}
