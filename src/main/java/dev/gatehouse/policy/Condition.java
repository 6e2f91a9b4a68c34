package dev.gatehouse.policy;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * One condition of a statement: an operator (with its {@code IfExists} suffix and set qualifier), a
 * condition key and the policy values, any of which may match. Evaluated three-valued against a
 * {@link RequestContext}.
 */
public record Condition(String operatorText, Operator operator, SetQualifier qualifier, boolean ifExists,
                        String key, List<String> values, boolean variables) {

    public enum SetQualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    public Condition {
        values = List.copyOf(values);
    }

    /** How the condition reads in a policy: {@code StringEquals aws:username [alice]}. */
    public String describe() {
        return operatorText + " " + key + " " + values;
    }

    public Tri evaluate(RequestContext ctx) {
        List<String> req = ctx.get(key);
        if (operator == Operator.NULL) {
            if (req == null && ctx.isUnknown(key)) {
                return Tri.UNKNOWN;
            }
            boolean absent = req == null || req.isEmpty();
            boolean any = false;
            for (String v : values) {
                boolean wantAbsent = v.equalsIgnoreCase("true");
                any |= wantAbsent == absent;
            }
            return Tri.of(any);
        }
        if (req == null || (req.isEmpty() && qualifier == SetQualifier.NONE)) {
            if (ctx.isUnknown(key)) {
                return Tri.UNKNOWN;
            }
            if (ifExists || qualifier == SetQualifier.FOR_ALL_VALUES || operator.negated()) {
                return qualifier == SetQualifier.FOR_ANY_VALUE && !ifExists ? Tri.FALSE : Tri.TRUE;
            }
            return Tri.FALSE;
        }
        // each request value: does any policy value match it (positive form)?
        boolean sawUnknown = false;
        boolean all = true;
        boolean anyMatch = false;
        boolean anyUnmatched = false;
        for (String r : req) {
            Tri m = Tri.FALSE;
            for (String pv : values) {
                Tri t = matchOne(pv, r, ctx);
                if (t == Tri.TRUE) {
                    m = Tri.TRUE;
                    break;
                }
                if (t == Tri.UNKNOWN) {
                    m = Tri.UNKNOWN;
                }
            }
            if (m == Tri.UNKNOWN) {
                sawUnknown = true;
            } else if (m == Tri.TRUE) {
                anyMatch = true;
            } else {
                anyUnmatched = true;
                all = false;
            }
        }
        boolean negated = operator.negated();
        Tri result;
        switch (qualifier) {
            case FOR_ALL_VALUES -> {
                // positive: every request value matches some policy value; negated: every value matches none
                if (negated) {
                    result = anyMatch ? Tri.FALSE : sawUnknown ? Tri.UNKNOWN : Tri.TRUE;
                } else {
                    result = !all ? Tri.FALSE : sawUnknown ? Tri.UNKNOWN : Tri.TRUE;
                }
            }
            case FOR_ANY_VALUE -> {
                if (negated) {
                    result = anyUnmatched ? Tri.TRUE : sawUnknown ? Tri.UNKNOWN : Tri.FALSE;
                } else {
                    result = anyMatch ? Tri.TRUE : sawUnknown ? Tri.UNKNOWN : Tri.FALSE;
                }
            }
            default -> {
                Tri positive = anyMatch ? Tri.TRUE : sawUnknown ? Tri.UNKNOWN : Tri.FALSE;
                result = negated ? positive.not() : positive;
            }
        }
        return result;
    }

    /** The positive form of the operator applied to one policy value and one request value. */
    private Tri matchOne(String policyValue, String requestValue, RequestContext ctx) {
        if (!variables) {
            return Tri.of(test(policyValue, requestValue));
        }
        Variables.Resolved resolved = Variables.resolve(policyValue, ctx);
        if (resolved.unknown()) {
            return Tri.UNKNOWN;
        }
        for (String pv : resolved.alternatives()) {
            if (test(pv, requestValue)) {
                return Tri.TRUE;
            }
        }
        return Tri.FALSE;
    }

    private boolean test(String pv, String rv) {
        return switch (operator) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> literal(pv).equals(rv);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> literal(pv).equalsIgnoreCase(rv);
            case STRING_LIKE, STRING_NOT_LIKE -> Glob.match(pv, rv);
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS,
                 NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(pv, rv);
            case DATE_EQUALS, DATE_NOT_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN,
                 DATE_GREATER_THAN_EQUALS -> compareDates(pv, rv);
            case BOOL -> isBool(rv) && pv.equalsIgnoreCase(rv);
            case BINARY_EQUALS -> pv.equals(rv);
            case IP_ADDRESS, NOT_IP_ADDRESS -> ipContains(pv, rv);
            case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> Arn.isArn(rv) && Arn.matchesPattern(pv, rv);
            case NULL -> false;
        };
    }

    private static String literal(String pv) {
        return pv.replace(Variables.LITERAL_STAR, '*').replace(Variables.LITERAL_QUESTION, '?');
    }

    private static boolean isBool(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    private boolean compareNumbers(String pv, String rv) {
        BigDecimal p = number(pv);
        BigDecimal r = number(rv);
        if (p == null || r == null) {
            return false;
        }
        int c = r.compareTo(p);
        return compare(c);
    }

    private boolean compareDates(String pv, String rv) {
        Instant p = date(pv);
        Instant r = date(rv);
        if (p == null || r == null) {
            return false;
        }
        return compare(r.compareTo(p));
    }

    private boolean compare(int c) {
        return switch (operator) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> c == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> c < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> c <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> c > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> c >= 0;
            default -> false;
        };
    }

    /** A number as the Numeric operators read it; null when the text is not one. */
    public static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date as the Date operators read it (ISO 8601 date or date-time, or epoch seconds); null when not one. */
    public static Instant date(String s) {
        String t = s.trim();
        try {
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.substring(0, t.length() - 1).toUpperCase(Locale.ROOT) + "Z");
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** An IP address block (v4 or v6) as the IpAddress operators read it; null when not one. */
    /**
     * A CIDR block as IpAddress reads it: dotted-quad IPv4 or IPv6, with an optional prefix length; null when
     * not one. The library alone would take `10.*.*.*`, `167772160/8`, `10.1` or `10.0.0.0/255.0.0.0` as ranges.
     */
    public static IPAddress ipBlock(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (slash >= 0 && !t.substring(slash + 1).matches("\\d{1,3}")) {
            return null;
        }
        IPAddress a = ipAddress(addr);
        if (a == null || (slash >= 0 && Integer.parseInt(t.substring(slash + 1)) > a.getBitCount())) {
            return null;
        }
        IPAddress parsed = new IPAddressString(t).getAddress();
        return parsed == null ? null : parsed.toPrefixBlock();
    }

    /** One IP address, dotted-quad IPv4 or IPv6, without prefix; null when not one. */
    public static IPAddress ipAddress(String s) {
        String t = s.trim();
        boolean v4 = t.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        IPAddress a = new IPAddressString(t).getAddress();
        return a != null && !a.isPrefixed() ? a : null;
    }

    private static boolean ipContains(String pv, String rv) {
        IPAddress block = ipBlock(pv);
        IPAddress addr = ipAddress(rv);
        if (block == null || addr == null || block.isIPv4() != addr.isIPv4()) {
            return false;
        }
        return block.contains(addr);
    }

    /** Checks that a policy value fits this operator; returns a message, or null when it does. */
    public String checkValue(String v) {
        if (Variables.hasVariable(v)) {
            return Variables.checkSyntax(v);
        }
        return switch (operator.family()) {
            case NUMERIC -> number(v) == null ? "expected a number for `" + operatorText + "`, found `" + v + "`" : null;
            case DATE -> date(v) == null ? "expected a date for `" + operatorText + "`, found `" + v + "`" : null;
            case BOOL, NULL -> isBool(v) ? null : "expected `true` or `false` for `" + operatorText + "`, found `" + v + "`";
            case IP -> ipBlock(v) == null ? "expected an IP address or CIDR block for `" + operatorText + "`, found `" + v + "`" : null;
            default -> null;
        };
    }
}
