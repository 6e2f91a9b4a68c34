package dev.gatehouse.facts;

/** The caller is vouched for up to a position of the principal chain: gates of higher rank must still allow. */
public record Vouch(int req, int position, Certainty certainty) {

    /** Holds at least as firmly as {@code c}: a CERTAIN fact also serves where POSSIBLE is enough. */
    public boolean atLeast(Certainty c) {
        return certainty.ordinal() <= c.ordinal();
    }
}
