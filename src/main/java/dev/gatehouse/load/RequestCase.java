package dev.gatehouse.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Problem;
import java.util.List;

/**
 * One request case read from a cases file: its name, the request to decide (null when the case has
 * problems), the problems found, and the case's {@code expect} block if it has one (for corpora).
 */
public record RequestCase(String name, Request request, List<Problem> problems, JsonNode expect) {
    public RequestCase {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return request != null && problems.isEmpty();
    }
}
