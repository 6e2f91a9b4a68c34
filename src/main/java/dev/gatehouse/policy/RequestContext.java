package dev.gatehouse.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The condition keys of one request: each key (names compare ignoring case) has one or more values,
 * is absent, or — in an open-world question such as who-can — is unknown.
 */
public final class RequestContext {
    /** The prefix of the condition keys Gatehouse itself writes (engine.UnreadablePolicy, engine.ExternalSide). */
    private static final String SYNTHETIC = "gatehouse:";
    private final Map<String, List<String>> values;
    private final boolean open;
    private final Set<String> knownAbsentPrefixes;

    private RequestContext(Map<String, List<String>> given, boolean open, Set<String> knownAbsentPrefixes) {
        this.values = new HashMap<>();
        given.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            values.put(lower, List.copyOf(v));
        });
        this.open = open;
        this.knownAbsentPrefixes = Set.copyOf(knownAbsentPrefixes);
    }

    /** Two contexts are equal when they give the same values and leave the same keys open. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RequestContext c && open == c.open && values.equals(c.values) && knownAbsentPrefixes.equals(c.knownAbsentPrefixes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(values, open, knownAbsentPrefixes);
    }

    /** A concrete request: every key not given is absent. */
    public static RequestContext closed(Map<String, List<String>> values) {
        return new RequestContext(values, false, Set.of());
    }

    /**
     * An open-world question: keys not given are unknown, except those starting with one of the
     * known-absent prefixes (lower case), which are absent.
     */
    public static RequestContext open(Map<String, List<String>> values, Set<String> knownAbsentPrefixes) {
        return new RequestContext(values, true, knownAbsentPrefixes);
    }

    /** The values of a key; null when the key is absent or unknown. */
    public List<String> get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    /** True when the key has no value and the question leaves it open. */
    public boolean isUnknown(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SYNTHETIC) && !values.containsKey(lower)) {
            // the conditions Gatehouse writes for what it cannot know (a policy it could not read): no request settles them
            return true;
        }
        if (!open || values.containsKey(lower)) {
            return false;
        }
        for (String prefix : knownAbsentPrefixes) {
            if (lower.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    public boolean isOpen() {
        return open;
    }

}
