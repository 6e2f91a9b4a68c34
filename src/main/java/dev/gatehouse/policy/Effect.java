package dev.gatehouse.policy;

/** The effect of a policy statement. */
public enum Effect {
    ALLOW("Allow"), DENY("Deny");

    private final String word;

    Effect(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
