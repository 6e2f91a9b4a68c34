package dev.gatehouse.policy;

/**
 * IAM wildcard matching: {@code *} matches any run of characters (also none), {@code ?} exactly one.
 * No other character is special. Linear-time with single-star backtracking.
 */
public final class Glob {
    private Glob() {
    }

    /** Case-sensitive match of {@code text} against {@code pattern}. */
    public static boolean match(String pattern, String text) {
        int p = 0, t = 0, starP = -1, starT = -1;
        int pn = pattern.length(), tn = text.length();
        while (t < tn) {
            if (p < pn) {
                char c = pattern.charAt(p);
                if (c == '*') {
                    starP = p++;
                    starT = t;
                    continue;
                }
                if (c == '?' || literal(c) == text.charAt(t)) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            t = ++starT;
        }
        while (p < pn && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pn;
    }

    private static char literal(char c) {
        return c == Variables.LITERAL_STAR ? '*' : c == Variables.LITERAL_QUESTION ? '?' : c;
    }
}
