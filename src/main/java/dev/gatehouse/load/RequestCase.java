package dev.gatehouse.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Problem;
import java.util.List;

/**
 * One request case read from a cases file: its name, the request to decide (null when the case has
 * problems), the problems found, the case's {@code expect} block if it has one (for corpora), and
 * warnings: what is said about a case that is still decided (a context key its action cannot carry).
 */
public record RequestCase(String name, Request request, List<Problem> problems, JsonNode expect, List<Problem> warnings) {
    public RequestCase {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public RequestCase(String name, Request request, List<Problem> problems, JsonNode expect) {
        this(name, request, problems, expect, List.of());
    }

    public boolean ok() {
        return request != null && problems.isEmpty();
    }
}
