package dev.gatehouse.api;

import java.util.List;

/**
 * The answer for one request with its reasons: the statements that allowed it, the statements that
 * denied it (certainly, or on the conditions listed), the gates that lacked an Allow, {@code notes}:
 * reasons that rest on no statement (a request that needs no permission), and {@code ignoredContextKeys}: the
 * keys given that the action cannot carry (the action catalog lists them neither for it nor its resource
 * types), decided as absent.
 */
public record Decision(String name, Verdict verdict, List<StatementRef> allowedBy, List<StatementRef> deniedBy,
                       List<GateRef> missing, List<String> notes, List<String> ignoredContextKeys) {
    public Decision {
        allowedBy = List.copyOf(allowedBy);
        deniedBy = List.copyOf(deniedBy);
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
        ignoredContextKeys = List.copyOf(ignoredContextKeys);
    }

    public Decision(String name, Verdict verdict, List<StatementRef> allowedBy, List<StatementRef> deniedBy,
                    List<GateRef> missing, List<String> notes) {
        this(name, verdict, allowedBy, deniedBy, missing, notes, List.of());
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }

    /**
     * What a Conditional answer rests on, in words: {@code if …} for each open condition of an allowing
     * statement, {@code unless …} for each of a Deny that may apply; empty for any other verdict.
     */
    public List<String> conditionLines() {
        if (verdict != Verdict.CONDITIONAL) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        allowedBy.forEach(s -> s.conditions().forEach(c -> out.add("if " + c)));
        deniedBy.forEach(s -> s.conditions().forEach(c -> out.add("unless " + c)));
        return out;
    }
}
