package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean": the names nearest to a misspelt one, by edit distance ignoring case (Apache Commons Text).
 * Near means within a quarter of the name's length (at least 2, at most 4 edits), so a name that is merely
 * different gets no suggestion.
 */
public final class Suggest {
    private Suggest() {
    }

    /** The nearest candidates, nearest first (up to three, all at the least distance found), or none. */
    public static List<String> nearest(String name, Collection<String> candidates) {
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.min(4, Math.max(2, n.length() / 4));
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        int best = limit + 1;
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            if (Math.abs(c.length() - n.length()) > limit) {
                continue;
            }
            int d = distance.apply(n, c.toLowerCase(Locale.ROOT));
            if (d < 0 || d > best) {
                continue;
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        out.sort(null);
        return out.size() > 3 ? out.subList(0, 3) : out;
    }

    /** {@code "; did you mean `a` or `b`?"}, or "" when nothing is near. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return didYouMean(nearest(name, candidates));
    }

    /** {@code "; did you mean `a` or `b`?"} for these suggestions, or "" when there are none. */
    public static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> quoted = suggestions.stream().map(s -> "`" + s + "`").toList();
        return "; did you mean " + (quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1)) + "?";
    }
}
