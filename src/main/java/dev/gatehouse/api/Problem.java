package dev.gatehouse.api;

/**
 * One problem found in user input: its code in the catalog ({@link ProblemCode}), the file (or other
 * source), the JSON pointer inside it, and what was found versus what was expected. Printed as one line:
 * {@code source: pointer: message}.
 */
public record Problem(ProblemCode code, String source, String pointer, String message) {
    public Problem {
        java.util.Objects.requireNonNull(code, "a problem needs its code");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            sb.append(source).append(": ");
        }
        if (pointer != null && !pointer.isEmpty()) {
            sb.append(pointer).append(": ");
        }
        return oneLine(sb.append(message).toString());
    }

    /** Control characters from user input (a newline in a key, say) are shown escaped: a problem is one line. */
    static String oneLine(String s) {
        return dev.gatehouse.policy.Printable.line(s);
    }
}
