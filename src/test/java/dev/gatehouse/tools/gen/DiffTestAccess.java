package dev.gatehouse.tools.gen;

import com.fasterxml.jackson.databind.JsonNode;

/** Test access to the differential run's package-private classifier. */
public final class DiffTestAccess {
    private DiffTestAccess() {
    }

    public static String classify(JsonNode c, String mine, String theirs) {
        return DiffTest.classify(c, mine, theirs);
    }
}
