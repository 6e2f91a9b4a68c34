package dev.gatehouse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Decision;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.RequestCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped rules start from the executable model the build compiled (the tests run on it), that model
 * is used only for the very sources it was compiled from, and it decides every corpus case as the rules
 * compiled from their DRL source do, reasons included.
 */
class CompiledModelTest {
    @Test
    void theShippedRulesRunFromTheModelCompiledByTheBuild() {
        RuleBase shipped = RuleBase.shipped();
        for (RuleBase.Part part : RuleBase.Part.values()) {
            assertTrue(shipped.fromCompiledModel(part), part + " was compiled from source at run time: is the build's model missing?");
        }
    }

    @Test
    void editedRulesAreCompiledFromTheirSourceNotFromAStaleModel() {
        Map<String, String> sources = RuleBase.parts(RuleBase.readShipped()).get(RuleBase.Part.ASSUME);
        assertNotNull(CompiledModel.load(RuleBase.Part.ASSUME, sources), "the model of the shipped assume rules");
        Map<String, String> edited = new LinkedHashMap<>(sources);
        edited.replaceAll((file, text) -> text + "\n// edited after the build\n");
        assertNull(CompiledModel.load(RuleBase.Part.ASSUME, edited), "a model compiled from other sources must not run");
        assertFalse(RuleBase.build(RuleBase.readShipped()).fromCompiledModel(RuleBase.Part.DECISION),
                "rules given as sources are compiled from them");
    }

    @Test
    void theModelDecidesTheCorpusAsTheRulesCompiledFromSource() throws Exception {
        Evaluator model = new Evaluator(RuleBase.shipped());
        Evaluator source = new Evaluator(RuleBase.build(RuleBase.readShipped()));
        int compared = 0;
        for (Path f : Corpus.files()) {
            List<Request> requests = new ArrayList<>();
            Corpus.read(f).stream().filter(RequestCase::ok).forEach(c -> requests.add(c.request()));
            List<Decision> a = model.evaluate(requests);
            List<Decision> b = source.evaluate(requests);
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(b.get(i), a.get(i), f.getFileName() + " case " + i + ": the model and the DRL source disagree");
                compared++;
            }
        }
        assertTrue(compared > 250, "compared only " + compared + " corpus decisions");
    }
}
