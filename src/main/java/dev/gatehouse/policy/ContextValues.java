package dev.gatehouse.policy;

import java.util.Locale;
import java.util.Map;

/**
 * The values AWS's global condition keys take (IAM User Guide, "AWS global condition context keys"): a
 * request value of the wrong kind is refused rather than compared — compared, a garbage aws:CurrentTime
 * or an aws:SecureTransport of "0" would silently skip the Deny that reads it.
 */
public final class ContextValues {
    private enum Kind { DATE, BOOL, NUMBER, IP }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("aws:currenttime", Kind.DATE), Map.entry("aws:tokenissuetime", Kind.DATE),
            Map.entry("aws:epochtime", Kind.NUMBER), Map.entry("aws:multifactorauthage", Kind.NUMBER),
            Map.entry("aws:securetransport", Kind.BOOL), Map.entry("aws:multifactorauthpresent", Kind.BOOL),
            Map.entry("aws:viaawsservice", Kind.BOOL), Map.entry("aws:principalisawsservice", Kind.BOOL),
            Map.entry("aws:sourceip", Kind.IP));

    private ContextValues() {
    }

    /**
     * Why a key given after others cannot be taken: it is one of them spelt in another case (condition keys compare
     * ignoring case, so one value would silently replace the other); null when it is new or the same spelling.
     */
    public static String sameKeyAs(String key, java.util.Collection<String> earlier) {
        for (String e : earlier) {
            if (e.equalsIgnoreCase(key) && !e.equals(key)) {
                return "`" + key + "` is the key `" + e + "` again, spelt differently (condition keys compare ignoring case, so "
                        + "one value would replace the other); give it once";
            }
        }
        return null;
    }

    /** Why a request value does not fit its key, or null when it does (or the key is not one whose kind is known). */
    public static String check(String key, String value) {
        String tooLong = AwsLimits.valueTooLong(value);
        if (tooLong != null) {
            return tooLong;
        }
        Kind kind = KINDS.get(key.toLowerCase(Locale.ROOT));
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case DATE -> value.matches("\\d{11,}") ? "expected a date (ISO 8601, or epoch seconds), found `" + value
                    + "`: epoch milliseconds?" : Condition.date(value) == null
                    ? "expected a date (ISO 8601, or epoch seconds), found `" + value + "`" : null;
            case NUMBER -> Condition.number(value) == null ? "expected a number, found `" + value + "`" : null;
            case BOOL -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                    : "expected `true` or `false`, found `" + value + "`";
            case IP -> Condition.ipAddress(value) == null ? "expected an IP address (203.0.113.7 or 2001:db8::1), found `" + value + "`" : null;
        };
    }
}
