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

    /** Whether a text holds a wildcard: then a request for it is a question about some resource it matches. */
    public static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /**
     * Whether some text matches both patterns (dynamic programming over the two, pattern x pattern): a statement's
     * Resource and a request's resource that is itself a pattern ({@code bucket/*} and {@code bucket/public/*} share
     * {@code bucket/public/x}).
     */
    public static boolean intersects(String p, String q) {
        int n = p.length();
        int m = q.length();
        // row i of can[i][j]: the rest of p from i and the rest of q from j match some common text (two rows kept)
        boolean[] next = new boolean[m + 1];
        boolean[] row = new boolean[m + 1];
        for (int i = n; i >= 0; i--) {
            for (int j = m; j >= 0; j--) {
                if (i == n && j == m) {
                    row[j] = true;
                    continue;
                }
                boolean ps = i < n && p.charAt(i) == '*';
                boolean qs = j < m && q.charAt(j) == '*';
                boolean r = false;
                if (ps) {
                    // p's star matches nothing more, or also what q's next symbol matches
                    r = next[j] || j < m && row[j + 1];
                }
                if (!r && qs) {
                    r = row[j + 1] || i < n && next[j];
                }
                if (!r && !ps && !qs && i < n && j < m) {
                    char a = p.charAt(i);
                    char b = q.charAt(j);
                    r = (a == b || a == '?' || b == '?') && next[j + 1];
                }
                row[j] = r;
            }
            boolean[] t = next;
            next = row;
            row = t;
        }
        return next[0];
    }

    /**
     * Whether every text the pattern {@code q} matches also matches {@code p} — shown by matching q as written against
     * p, where p's star takes any run of q's symbols, p's question mark one symbol of q that is not a star, and a literal
     * itself. Sound (true only when p covers q), not complete: a cover it cannot show is answered as a partial overlap.
     */
    public static boolean covers(String p, String q) {
        int n = p.length();
        int m = q.length();
        // two rows of can[i][j]: p from i covers q from j
        boolean[] next = new boolean[m + 1];
        boolean[] row = new boolean[m + 1];
        next[m] = true;
        for (int i = n - 1; i >= 0; i--) {
            char a = p.charAt(i);
            for (int j = m; j >= 0; j--) {
                if (a == '*') {
                    row[j] = next[j] || j < m && row[j + 1];
                } else {
                    row[j] = j < m && (a == '?' ? q.charAt(j) != '*' : a == q.charAt(j)) && next[j + 1];
                }
            }
            boolean[] t = next;
            next = row;
            row = t;
        }
        return next[0];
    }
}
