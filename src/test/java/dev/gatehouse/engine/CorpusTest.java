package dev.gatehouse.engine;

import dev.gatehouse.api.Decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.RequestCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every corpus case (one container per file, one test per case, named by the case) and checks
 * the decision and its reasons: the statements that allowed, those that denied, and the gates that
 * lacked an Allow. A reason list the case does not give is expected to be empty.
 */
class CorpusTest {
    private static final Set<String> EXPECT_KEYS = dev.gatehouse.load.Expectation.KEYS;

    @TestFactory
    Stream<DynamicNode> corpus() throws Exception {
        Evaluator ev = new Evaluator(RuleBase.shipped());
        List<DynamicNode> files = new ArrayList<>();
        for (Path f : Corpus.files()) {
            List<RequestCase> cases = Corpus.read(f);
            List<Request> requests = new ArrayList<>();
            cases.stream().filter(RequestCase::ok).forEach(c -> requests.add(c.request()));
            List<Decision> decided = ev.evaluate(requests);
            Map<RequestCase, Decision> byCase = new HashMap<>();
            int k = 0;
            for (RequestCase c : cases) {
                if (c.ok()) {
                    byCase.put(c, decided.get(k++));
                }
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (RequestCase c : cases) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c, byCase.get(c))));
            }
            files.add(DynamicContainer.dynamicContainer(f.getFileName().toString(), tests));
        }
        return files.stream();
    }

    private static void check(RequestCase c, Decision d) {
        JsonNode e = c.expect();
        assertNotNull(e, "every corpus case has an expect block");
        e.fieldNames().forEachRemaining(k -> assertTrue(EXPECT_KEYS.contains(k), "unknown expect field " + k));
        String want = e.get("decision").asText();
        if (want.equals("Error")) {
            assertFalse(c.ok(), "expected an input error");
            String msg = e.get("error").asText();
            assertTrue(c.problems().stream().anyMatch(p -> p.toString().contains(msg)),
                    "expected an error containing `" + msg + "`, got " + c.problems());
            return;
        }
        assertTrue(c.ok(), () -> "case did not load: " + c.problems());
        assertEquals(want, d.verdict().word(), "decision");
        assertEquals(Corpus.strings(e.get("allowedBy")), Corpus.statements(d.allowedBy()), "allowed by");
        assertEquals(Corpus.strings(e.get("deniedBy")), Corpus.statements(d.deniedBy()), "denied by");
        assertEquals(Corpus.strings(e.get("missing")), Corpus.gates(d.missing()), "gates lacking an Allow");
        assertEquals(Corpus.strings(e.get("notes")), new java.util.TreeSet<>(d.notes()), "reasons that rest on no statement");
        if (e.has("conditions")) {
            assertEquals(Corpus.strings(e.get("conditions")), new java.util.TreeSet<>(d.conditionLines()), "what a Conditional answer rests on");
        }
        assertEquals(Corpus.strings(e.get("ignoredContextKeys")), new java.util.TreeSet<>(d.ignoredContextKeys()), "keys the action cannot carry");
    }

    @Test
    void corpusCoversEveryDecisionAndIsLargeEnough() throws Exception {
        Set<String> decisions = new HashSet<>();
        Set<String> names = new HashSet<>();
        int n = 0;
        for (Path f : Corpus.files()) {
            for (RequestCase c : Corpus.read(f)) {
                decisions.add(c.expect().get("decision").asText());
                assertTrue(names.add(c.name()), "case names are unique: " + c.name());
                n++;
            }
        }
        assertTrue(n >= 150, "at least 150 cases, found " + n);
        assertEquals(Set.of("Allowed", "ExplicitlyDenied", "ImplicitlyDenied", "Conditional", "Error"), decisions);
    }
}
