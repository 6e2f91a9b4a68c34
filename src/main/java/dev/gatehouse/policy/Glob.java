package dev.gatehouse.policy;

/**
 * IAM wildcard matching: {@code *} matches any run of characters (also none), {@code ?} exactly one.
 * No other character is special ({@link Variables#LITERAL_STAR} and {@link Variables#LITERAL_QUESTION} stand for a
 * literal {@code *} and {@code ?} that a policy variable produced). The pattern is taken apart at its stars: the part
 * before the first must begin the text, the part after the last must end it, and each part between is found at its
 * leftmost place after the one before (which is what a star allows). A part without {@code ?} is found with
 * Knuth–Morris–Pratt, so a match takes time linear in pattern and text; a part with {@code ?} is compared at each
 * place (pattern × text at worst). The former single-star backtracking took 66 s over 9,000-character patterns
 * against a 100,000-character name.
 */
public final class Glob {
    private Glob() {
    }

    /** Case-sensitive match of {@code text} against {@code pattern}. */
    public static boolean match(String pattern, String text) {
        int first = pattern.indexOf('*');
        if (first < 0) {
            return pattern.length() == text.length() && at(pattern, 0, pattern.length(), text, 0);
        }
        int last = pattern.lastIndexOf('*');
        int tailLen = pattern.length() - last - 1;
        int end = text.length() - tailLen;
        // the parts before the first star and after the last, fixed in place
        if (end < first || !at(pattern, 0, first, text, 0) || !at(pattern, last + 1, pattern.length(), text, end)) {
            return false;
        }
        int t = first;
        int p = first + 1;
        while (p < last) {
            int q = pattern.indexOf('*', p);
            if (q > p) {
                int found = find(pattern, p, q, text, t, end);
                if (found < 0) {
                    return false;
                }
                t = found + (q - p);
            }
            p = q + 1;
        }
        return true;
    }

    /** Whether pattern[ps, pe) (no star) matches the text at position {@code t}. */
    private static boolean at(String pattern, int ps, int pe, String text, int t) {
        if (t < 0 || t + (pe - ps) > text.length()) {
            return false;
        }
        for (int i = ps; i < pe; i++, t++) {
            char c = pattern.charAt(i);
            if (c != '?' && literal(c) != text.charAt(t)) {
                return false;
            }
        }
        return true;
    }

    /** The leftmost start in text[from, to) of pattern[ps, pe) (no star), or -1. */
    private static int find(String pattern, int ps, int pe, String text, int from, int to) {
        int m = pe - ps;
        if (m > to - from) {
            return -1;
        }
        if (pattern.substring(ps, pe).indexOf('?') >= 0) {
            for (int t = from; t + m <= to; t++) {
                if (at(pattern, ps, pe, text, t)) {
                    return t;
                }
            }
            return -1;
        }
        // Knuth–Morris–Pratt over the literal part
        int[] fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && literal(pattern.charAt(ps + i)) != literal(pattern.charAt(ps + k))) {
                k = fail[k - 1];
            }
            if (literal(pattern.charAt(ps + i)) == literal(pattern.charAt(ps + k))) {
                k++;
            }
            fail[i] = k;
        }
        for (int t = from, k = 0; t < to; t++) {
            char c = text.charAt(t);
            while (k > 0 && literal(pattern.charAt(ps + k)) != c) {
                k = fail[k - 1];
            }
            if (literal(pattern.charAt(ps + k)) == c) {
                k++;
            }
            if (k == m) {
                return t - m + 1;
            }
        }
        return -1;
    }

    private static char literal(char c) {
        return c == Variables.LITERAL_STAR ? '*' : c == Variables.LITERAL_QUESTION ? '?' : c;
    }
}
