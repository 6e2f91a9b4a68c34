package dev.gatehouse.facts;

/** The resource policy allows the caller, naming it at a position of the principal chain (see Position). */
public record ResourceGrant(int req, int position, Certainty certainty) {

    /** Holds at least as firmly as {@code c}: a CERTAIN fact also serves where POSSIBLE is enough. */
    public boolean atLeast(Certainty c) {
        return certainty.ordinal() <= c.ordinal();
    }
}
