package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team}}, {@code ${key, 'default'}},
 * and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}), resolved in Resource elements and condition
 * values. The escapes {@code ${*}} and {@code ${?}} become characters that {@link Glob} matches as a
 * literal star and question mark.
 */
public final class Variables {
    /** Stands for a literal {@code *} after resolution. */
    public static final char LITERAL_STAR = '\uE000';
    /** Stands for a literal {@code ?} after resolution. */
    public static final char LITERAL_QUESTION = '\uE001';

    /**
     * Multivalued variables multiply: past this many alternatives the value is left unknown (the answer is
     * Conditional on the variables' keys) rather than cut short, which would change the answer silently.
     */
    private static final int MAX_ALTERNATIVES = 10_000;

    private Variables() {
    }

    /** Outcome of resolving one policy value: the texts it stands for, or unknown. */
    public record Resolved(List<String> alternatives, boolean unknown, List<String> unknownKeys) {
        static Resolved unknown(List<String> keys) {
            return new Resolved(List.of(), true, keys);
        }
    }

    public static boolean hasVariable(String value) {
        return value.contains("${");
    }

    /** Checks the syntax of the variables in a value; returns a message, or null when well formed. */
    public static String checkSyntax(String value) {
        int i = 0;
        while ((i = value.indexOf("${", i)) >= 0) {
            int end = value.indexOf('}', i);
            if (end < 0) {
                return "unterminated policy variable in `" + value + "`";
            }
            String inner = value.substring(i + 2, end).trim();
            if (inner.isEmpty()) {
                return "empty policy variable in `" + value + "`";
            }
            i = end + 1;
        }
        return null;
    }

    /**
     * Resolves every variable of a value against a context. A variable whose key is absent (and has no
     * default) makes the value stand for nothing; one whose key is unknown makes the result unknown.
     */
    public static Resolved resolve(String value, RequestContext ctx) {
        if (!hasVariable(value)) {
            return new Resolved(List.of(value), false, List.of());
        }
        List<StringBuilder> outs = new ArrayList<>();
        outs.add(new StringBuilder());
        List<String> unknownKeys = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                append(outs, value.substring(i));
                break;
            }
            append(outs, value.substring(i, start));
            int end = value.indexOf('}', start);
            if (end < 0) {
                append(outs, value.substring(start));
                break;
            }
            String inner = value.substring(start + 2, end).trim();
            i = end + 1;
            switch (inner) {
                case "*" -> append(outs, String.valueOf(LITERAL_STAR));
                case "?" -> append(outs, String.valueOf(LITERAL_QUESTION));
                case "$" -> append(outs, "$");
                default -> {
                    String key = inner;
                    String dflt = null;
                    int comma = inner.indexOf(',');
                    if (comma >= 0) {
                        key = inner.substring(0, comma).trim();
                        String d = inner.substring(comma + 1).trim();
                        if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                            dflt = d.substring(1, d.length() - 1);
                        } else {
                            dflt = d;
                        }
                    }
                    List<String> vals = ctx.get(key);
                    if (vals == null || vals.isEmpty()) {
                        if (dflt != null) {
                            append(outs, dflt);
                        } else if (ctx.isUnknown(key)) {
                            unknownKeys.add(key);
                        } else {
                            return new Resolved(List.of(), false, List.of());
                        }
                    } else if (vals.size() == 1) {
                        append(outs, vals.get(0));
                    } else if ((long) outs.size() * vals.size() > MAX_ALTERNATIVES) {
                        unknownKeys.add(key);
                    } else {
                        List<StringBuilder> next = new ArrayList<>(outs.size() * vals.size());
                        for (StringBuilder sb : outs) {
                            for (String v : vals) {
                                next.add(new StringBuilder(sb).append(v));
                            }
                        }
                        outs = next;
                    }
                }
            }
        }
        if (!unknownKeys.isEmpty()) {
            return Resolved.unknown(unknownKeys);
        }
        List<String> result = new ArrayList<>(outs.size());
        for (StringBuilder sb : outs) {
            result.add(sb.toString());
        }
        return new Resolved(result, false, List.of());
    }

    private static void append(List<StringBuilder> outs, String s) {
        for (StringBuilder sb : outs) {
            sb.append(s);
        }
    }
}
