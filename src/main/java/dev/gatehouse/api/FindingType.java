package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of finding of the catalog ({@code findings.json}, shipped in the jar): its stable code ({@code GHF001}), a
 * short id, title, severity, what it means and how to fix it.
 */
public record FindingType(String code, String id, String title, Severity severity, String means, String fix) {
    private static final List<FindingType> CATALOG = load();

    /** Every kind of finding, in the order of their codes. */
    public static List<FindingType> catalog() {
        return CATALOG;
    }

    /** The kind of a code; throws when the catalog has none (a rule naming a code the catalog lacks is a bug). */
    public static FindingType of(String code) {
        return CATALOG.stream().filter(t -> t.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no finding " + code + " in findings.json"));
    }

    private static List<FindingType> load() {
        try (InputStream in = FindingType.class.getResourceAsStream("/gatehouse/findings.json")) {
            JsonNode n = dev.gatehouse.policy.Json.mapper().readTree(in);
            List<FindingType> out = new ArrayList<>();
            for (JsonNode t : n) {
                out.add(new FindingType(t.get("code").asText(), t.get("id").asText(), t.get("title").asText(),
                        Severity.of(t.get("severity").asText()), t.get("means").asText(), t.get("fix").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
