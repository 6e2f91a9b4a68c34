package dev.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The wildcard matcher against a regular expression built from the same pattern, and its time on hostile input. */
class GlobTest {
    private static boolean reference(String pattern, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(
                    c == Variables.LITERAL_STAR ? '*' : c == Variables.LITERAL_QUESTION ? '?' : c)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    @Test
    void agreesWithARegularExpressionOnSeededRandomPatterns() {
        Random rnd = new Random(42);
        String alphabet = "ab*?" + Variables.LITERAL_STAR;
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder p = new StringBuilder();
            for (int k = rnd.nextInt(8); k > 0; k--) {
                p.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            StringBuilder t = new StringBuilder();
            for (int k = rnd.nextInt(10); k > 0; k--) {
                t.append("ab*?".charAt(rnd.nextInt(rnd.nextInt(10) == 0 ? 4 : 2)));
            }
            boolean want = reference(p.toString(), t.toString());
            assertEquals(want, Glob.match(p.toString(), t.toString()), "`" + p + "` against `" + t + "`");
            matched += want ? 1 : 0;
        }
        assertTrue(matched > 10_000, "the random patterns matched " + matched + " times");
    }

    @Test
    void aLongPatternAgainstALongNameTakesLinearTime() {
        // single-star backtracking compares the 9,000 characters again at each of the million places
        // (9 x 10^9 steps a match, minutes for ten); the matcher walks the text once. A guard against a
        // quadratic matcher with a margin of hundreds, not a speed figure.
        String text = "a".repeat(1_000_000);
        String pattern = "*" + "a".repeat(9_000) + "b";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 10; i++) {
                assertFalse(Glob.match(pattern, text));
            }
        });
        assertTrue(Glob.match("*" + "a".repeat(9_000) + "*", text));
        assertTrue(Glob.match("*b*" + "a".repeat(9_000), "b" + text));
    }
}
