package dev.gatehouse.policy;

import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.InputException;

import dev.gatehouse.api.Problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON reader of Gatehouse: strict about duplicate keys, bounded in nesting depth. */
public final class Json {
    public static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER;

    static {
        JsonMapper m = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                // a file holds one JSON value: a second one after it is an error, not silently left unread
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        MAPPER = m;
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; a syntax error becomes a one-line {@link InputException} naming the source. */
    public static JsonNode parse(String text, String source) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", "expected a JSON document, found nothing"));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", describe(e)));
        }
    }

    /**
     * Checks JSON text as {@link #parse} does — syntax, duplicate keys, nesting depth, one value — without building
     * its tree (for text too large to hold as one), and returns the keys of the top-level object, in order, or
     * null when the value is not an object.
     */
    public static java.util.List<String> topLevelKeys(String text, String source) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", "expected a JSON document, found nothing"));
            }
            java.util.List<String> keys = first == JsonToken.START_OBJECT ? new java.util.ArrayList<>() : null;
            int depth = 0;
            JsonToken t = first;
            do {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1 && keys != null) {
                    keys.add(p.currentName());
                }
                if (depth == 0) {
                    break;
                }
            } while ((t = p.nextToken()) != null);
            if (p.nextToken() != null) {
                com.fasterxml.jackson.core.JsonLocation at = p.currentTokenLocation();
                throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", "invalid JSON at line " + at.getLineNr()
                        + ", column " + at.getColumnNr() + ": a second JSON value after the first; a file holds one value "
                        + "(give several as a list)"));
            }
            return keys;
        } catch (JsonProcessingException e) {
            throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", describe(e)));
        } catch (java.io.IOException e) {
            throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", "invalid JSON: " + e.getMessage()));
        }
    }

    /** A one-line description of a JSON syntax error, with its line and column. */
    public static String describe(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "JSON nested deeper than " + MAX_DEPTH + " levels"
                    + (e.getLocation() != null && e.getLocation().getLineNr() > 0 ? " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() : "");
        }
        String msg = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException && msg.startsWith("Trailing token")) {
            msg = "a second JSON value after the first; a file holds one value (give several as a list)";
        }
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        msg = msg.replace("\"", "`").replaceAll("'([^' ]*)'", "`$1`");
        if (e.getLocation() != null) {
            return "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + lowerFirst(msg);
        }
        return "invalid JSON: " + lowerFirst(msg);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A JSON pointer segment for an object key ({@code ~} and {@code /} escaped). */
    public static String seg(String key) {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** A short description of what a JSON node is, for "found" in messages. */
    public static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string `" + abbreviate(n.asText()) + "`";
            case NUMBER -> "the number `" + n.asText() + "`";
            case BOOLEAN -> "`" + n.asText() + "`";
            case NULL -> "`null`";
            default -> n.getNodeType().toString().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
