package dev.gatehouse.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The condition keys of one request: each key (names compare ignoring case) has one or more values,
 * is absent, or — in an open-world question such as who-can — is unknown. Scoped to the request's action
 * ({@link #forAction}), a service key the action cannot carry ({@link AwsNames#carries}) is absent whatever is
 * given or left open: no real request of the action has it (a given value is {@link #ignored}).
 */
public final class RequestContext {
    /** The prefix of the condition keys Gatehouse itself writes (engine.UnreadablePolicy, engine.ExternalSide). */
    private static final String SYNTHETIC = "gatehouse:";
    private final Map<String, List<String>> values;
    private final boolean open;
    private final Set<String> knownAbsentPrefixes;
    /** The keys given, as spelt. */
    private final List<String> givenKeys;
    /** The action the request is for, or null: then every key may be carried. */
    private final String action;
    /**
     * The keys given (lower case) that the request's own caller gave, judged against the action; null: all given. The
     * others given are those Gatehouse derived itself, only where they apply.
     */
    private final Set<String> byCaller;

    private RequestContext(Map<String, List<String>> given, boolean open, Set<String> knownAbsentPrefixes) {
        this.values = new HashMap<>();
        given.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            values.put(lower, List.copyOf(v));
        });
        this.open = open;
        this.knownAbsentPrefixes = Set.copyOf(knownAbsentPrefixes);
        this.givenKeys = List.copyOf(given.keySet());
        this.action = null;
        this.byCaller = null;
    }

    private RequestContext(RequestContext c, String action, Set<String> byCaller) {
        this.values = c.values;
        this.open = c.open;
        this.knownAbsentPrefixes = c.knownAbsentPrefixes;
        this.givenKeys = c.givenKeys;
        this.action = action;
        this.byCaller = byCaller;
    }

    /** This context scoped to the request's action: the service keys it cannot carry are absent. */
    public RequestContext forAction(String action) {
        return new RequestContext(this, action, byCaller);
    }

    /**
     * This context with only {@code keys} (lower case) of those given taken as the caller's; the rest Gatehouse
     * derived (the principal's and the resource owner's keys, Requests) and are not judged against the action — so a
     * request that gives no service key of its own never reads the action catalog. Keys not given are judged.
     */
    public RequestContext givenByCaller(Set<String> keys) {
        return new RequestContext(this, action, keys);
    }

    /**
     * Two contexts are equal when they give the same values and leave the same keys open (the action they are
     * scoped to is the request's, compared with it).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RequestContext c && open == c.open && values.equals(c.values) && knownAbsentPrefixes.equals(c.knownAbsentPrefixes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(values, open, knownAbsentPrefixes);
    }

    /** Whether a request for the action can carry the key (lower case). */
    private boolean carried(String lower) {
        return action == null || lower.startsWith("aws:") || lower.startsWith(SYNTHETIC)
                || byCaller != null && !byCaller.contains(lower) && values.containsKey(lower) || AwsNames.shipped().carries(action, lower);
    }

    /** The keys given that the action cannot carry, as spelt: the request is decided as if they were absent. */
    public List<String> ignored() {
        if (action == null || byCaller != null && byCaller.isEmpty()) {
            return List.of();
        }
        return givenKeys.stream().filter(k -> !carried(k.toLowerCase(Locale.ROOT))).toList();
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
        String lower = key.toLowerCase(Locale.ROOT);
        List<String> v = values.get(lower);
        return v == null || carried(lower) ? v : null;
    }

    /** True when the key has no value and the question leaves it open. */
    public boolean isUnknown(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SYNTHETIC) && !values.containsKey(lower)) {
            // the conditions Gatehouse writes for what it cannot know (a policy it could not read): no request settles them
            return true;
        }
        if (!open || values.containsKey(lower) || !carried(lower)) {
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
