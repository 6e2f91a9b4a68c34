package dev.gatehouse.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.Set;

/** The SARIF schema check, for the tests of other packages. */
public final class SarifAccess {
    private SarifAccess() {
    }

    public static Set<ValidationMessage> problems(JsonNode sarif) throws Exception {
        return SarifTest.problems(sarif);
    }
}
