package dev.gatehouse.api;

/** How much a finding matters, most first; its SARIF level: error for critical and high, warning for medium, note below. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String sarifLevel() {
        return switch (this) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** The severity of a word ({@code high}); null when it names none. */
    public static Severity of(String word) {
        for (Severity s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
