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

    /**
     * Two patterns meet (a request's resource that is a pattern and a statement's): {@code intersects} is exactly
     * whether some text matches both, and {@code covers} is never true when a text matches the second and not the
     * first — both checked against every text of up to seven letters over a two-letter alphabet, on seeded random
     * patterns of up to four symbols (a shared text, if any, is no longer than the two patterns' letters together).
     */
    @Test
    void patternsMeetAsTheTextsTheyMatchSay() {
        Random rnd = new Random(5);
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int len = 0; len <= 7; len++) {
            for (int bits = 0; bits < (1 << len); bits++) {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < len; k++) {
                    b.append((bits >> k & 1) == 0 ? 'a' : 'b');
                }
                texts.add(b.toString());
            }
        }
        String symbols = "ab*?";
        int covered = 0;
        int met = 0;
        for (int n = 0; n < 3000; n++) {
            String p = random(rnd, symbols);
            String q = random(rnd, symbols);
            boolean shared = texts.stream().anyMatch(t -> Glob.match(p, t) && Glob.match(q, t));
            assertEquals(shared, Glob.intersects(p, q), p + " and " + q);
            met += shared ? 1 : 0;
            // Arn.patternMeets answers equal and literal segments without the tables: the same answer
            Tri want = Glob.covers(p, q) ? Tri.TRUE : shared ? Tri.UNKNOWN : Tri.FALSE;
            assertEquals(want, Arn.patternMeets("arn:aws:s3:::" + p, "arn:aws:s3:::" + q), p + " meets " + q);
            if (Glob.covers(p, q)) {
                covered++;
                assertTrue(texts.stream().noneMatch(t -> Glob.match(q, t) && !Glob.match(p, t)), p + " said to cover " + q);
            }
        }
        assertTrue(covered > 300 && met > 1000, covered + " covered, " + met + " met");
        assertTrue(Glob.covers("app-bucket/*", "app-bucket/public/*"));
        assertFalse(Glob.covers("app-bucket/public/*", "app-bucket/*"));
        assertTrue(Glob.intersects("app-bucket/public/*", "app-bucket/*"));
        assertFalse(Glob.intersects("other/*", "app-bucket/*"));
    }

    private static String random(Random rnd, String symbols) {
        StringBuilder b = new StringBuilder();
        int len = rnd.nextInt(5);
        for (int k = 0; k < len; k++) {
            b.append(symbols.charAt(rnd.nextInt(symbols.length())));
        }
        return b.toString();
    }
}
