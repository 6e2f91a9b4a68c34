package dev.gatehouse.facts;

/** A gate level in which an Allow statement matches the request. */
public record GateAllows(int req, Gate gate, int level, Certainty certainty) {

    /** Holds at least as firmly as {@code c}: a CERTAIN fact also serves where POSSIBLE is enough. */
    public boolean atLeast(Certainty c) {
        return certainty.ordinal() <= c.ordinal();
    }
}
