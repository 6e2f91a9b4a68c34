package dev.gatehouse.policy;

/**
 * One problem found in user input: the file (or other source), the JSON pointer inside it, and what
 * was found versus what was expected. Printed as one line: {@code source: pointer: message}.
 */
public record Problem(String source, String pointer, String message) {

    public Problem withSource(String newSource) {
        return new Problem(newSource, pointer, message);
    }

    public Problem under(String prefix) {
        return new Problem(source, prefix + pointer, message);
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
        return sb.append(message).toString();
    }
}
