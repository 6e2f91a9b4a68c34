package dev.gatehouse.api;

/** The four answers a decision can give. */
public enum Verdict {
    ALLOWED("Allowed"), EXPLICITLY_DENIED("ExplicitlyDenied"), IMPLICITLY_DENIED("ImplicitlyDenied"),
    CONDITIONAL("Conditional");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
