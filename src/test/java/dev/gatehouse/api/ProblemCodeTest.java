package dev.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog of problem codes: stable (tools match on them), unique, and each says what it means and what to do. */
class ProblemCodeTest {
    @Test
    void theCodesAreTheCatalogsAndNeverChange() {
        assertEquals(List.of("GH100 FILE_UNREADABLE", "GH101 NOT_JSON", "GH102 WRONG_SHAPE", "GH103 UNKNOWN_ELEMENT",
                "GH104 POLICY_TOO_LARGE", "GH105 UNKNOWN_OPERATOR", "GH106 INVALID_VALUE", "GH107 MISSING_REFERENCE",
                "GH108 NOT_ALLOWED", "GH109 WRONG_ACCOUNT", "GH110 INCOMPLETE_SUBJECT", "GH111 NOT_IN_FACTS", "GH112 USAGE",
                "GH113 RULES", "GH114 DUPLICATE", "GH115 UNKNOWN_NAME", "GH116 IGNORED_CONTEXT_KEY"), Arrays.stream(ProblemCode.values()).map(c -> c.code() + " " + c.name()).toList());
    }

    @Test
    void everyCodeSaysWhatItMeansAndWhatToDo() {
        for (ProblemCode c : ProblemCode.values()) {
            assertTrue(c.code().matches("GH\\d{3}"), c.code());
            assertTrue(!c.title().isBlank() && !c.meaning().isBlank() && !c.fix().isBlank(), c.name());
        }
    }
}
