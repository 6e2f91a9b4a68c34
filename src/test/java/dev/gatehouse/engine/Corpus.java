package dev.gatehouse.engine;

import dev.gatehouse.api.StatementRef;
import dev.gatehouse.api.GateRef;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.RequestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The decision corpus under src/test/resources/corpus: request cases with their expected answers and reasons. */
final class Corpus {
    static final Path DIR = Path.of("src/test/resources/corpus");

    private Corpus() {
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<RequestCase> read(Path file) throws IOException {
        return new CaseReader(file.toString()).read(Files.readString(file));
    }

    /** {@code gate[/level]:policy#sid-or-index}, the way corpus files name a statement. */
    static String ref(StatementRef s) {
        return dev.gatehouse.load.Expectation.ref(s);
    }

    /** {@code gate[/level]}, the way corpus files name a gate that lacked an Allow. */
    static String ref(GateRef g) {
        return dev.gatehouse.load.Expectation.ref(g);
    }

    static TreeSet<String> strings(JsonNode list) {
        TreeSet<String> out = new TreeSet<>();
        if (list != null) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static TreeSet<String> statements(List<StatementRef> refs) {
        TreeSet<String> out = new TreeSet<>();
        refs.forEach(r -> out.add(ref(r)));
        return out;
    }

    static TreeSet<String> gates(List<GateRef> refs) {
        TreeSet<String> out = new TreeSet<>();
        refs.forEach(r -> out.add(ref(r)));
        return out;
    }

    static List<String> names(List<RequestCase> cases) {
        List<String> out = new ArrayList<>();
        cases.forEach(c -> out.add(c.name()));
        return out;
    }
}
