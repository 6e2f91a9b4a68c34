package dev.gatehouse.facts;

import java.util.List;

/**
 * How firmly a derived fact holds: CERTAIN when every condition it rests on is known to hold,
 * POSSIBLE when it holds if some unknown context does (semantics.md §5). Every CERTAIN fact is
 * also derived as POSSIBLE.
 */
public enum Certainty {
    CERTAIN, POSSIBLE;

    public static final List<Certainty> ALL = List.of(CERTAIN, POSSIBLE);
}
