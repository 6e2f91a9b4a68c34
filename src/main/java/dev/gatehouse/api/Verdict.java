package dev.gatehouse.api;

/** The four answers a decision can give. */
public enum Verdict {
    ALLOWED("Allowed"), EXPLICITLY_DENIED("ExplicitlyDenied"), IMPLICITLY_DENIED("ImplicitlyDenied"),
    CONDITIONAL("Conditional");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The word users read: {@code Allowed}, {@code ExplicitlyDenied}, {@code ImplicitlyDenied}, {@code Conditional}. */
    public String word() {
        return word;
    }

    /** An access that is granted: Allowed, or Conditional when it rests on open conditions. */
    public static Verdict granted(boolean conditional) {
        return conditional ? CONDITIONAL : ALLOWED;
    }
}
