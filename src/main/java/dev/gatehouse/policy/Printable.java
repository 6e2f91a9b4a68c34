package dev.gatehouse.policy;

/**
 * Text from user input made safe to print: control characters (escape sequences, carriage returns, a
 * newline in a file name) shown escaped, {@code \n}, {@code \r}, {@code \t}, {@code \u001b}, so that what a
 * file or an ARN holds never drives the terminal or breaks a line of a table or a CSV file.
 */
public final class Printable {
    private Printable() {
    }

    /** Every control character escaped: the text is one line. */
    public static String line(String s) {
        return escape(s, false);
    }

    /** Control characters escaped but newlines, which a table cell uses to break its lines. */
    public static String lines(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepNewlines) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            if (control && !(keepNewlines && c == '\n')) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** {@code 1 principal}, {@code 2 principals}: a count and its noun, singular for one. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
