package dev.gatehouse.facts;

import dev.gatehouse.api.Verdict;

import java.util.List;

/** The decided request "may a session of {@code from} assume role {@code to}?", with its open conditions. */
public record AssumeOutcome(String from, String to, Verdict verdict, List<String> conditions) {
    public AssumeOutcome {
        conditions = List.copyOf(conditions);
    }
}
