package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names AWS has: the actions of the action catalog, the global condition keys (IAM User Guide, read into
 * {@code global-condition-keys.json}) and the keys each service defines. Says why a name is not one of them, with
 * the nearest names ({@link Suggest}). A key whose prefix is neither {@code aws} nor a prefix the catalog's keys use
 * (an OIDC provider's {@code token.actions.githubusercontent.com:sub}, whose keys the reference lists only in part)
 * is not judged.
 */
public final class AwsNames {
    private static volatile AwsNames shipped;

    private final ActionCatalog catalog;
    /** Lower-case prefix → the keys of that prefix, as spelt; a template key ends in its variable. */
    private final Map<String, List<String>> keysByPrefix = new HashMap<>();
    private final String catalogDate;
    /** Service keys any request may carry (IAM User Guide, "Other cross-service condition keys"), lower case. */
    private final Set<String> crossService = new java.util.HashSet<>();
    /** Action + key (lower case) → whether a request for the action can carry the key. */
    private final Map<String, Boolean> carried = new java.util.concurrent.ConcurrentHashMap<>();

    private AwsNames(ActionCatalog catalog, JsonNode global) {
        this.catalog = catalog;
        this.catalogDate = catalog.date();
        global.get("keys").fieldNames().forEachRemaining(this::add);
        global.path("crossServiceKeys").fieldNames().forEachRemaining(k -> {
            add(k);
            crossService.add(k.toLowerCase(Locale.ROOT));
        });
        catalog.conditionKeys().forEach(this::add);
    }

    private void add(String key) {
        int c = key.indexOf(':');
        if (c > 0) {
            List<String> keys = keysByPrefix.computeIfAbsent(key.substring(0, c).toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            if (keys.stream().noneMatch(key::equalsIgnoreCase)) {
                keys.add(key);
            }
        }
    }

    /** The names shipped in the jar, read once. */
    public static AwsNames shipped() {
        AwsNames n = shipped;
        if (n == null) {
            synchronized (AwsNames.class) {
                n = shipped;
                if (n == null) {
                    try (InputStream in = AwsNames.class.getResourceAsStream("/gatehouse/global-condition-keys.json")) {
                        n = new AwsNames(ActionCatalog.shipped(), Json.mapper().readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    shipped = n;
                }
            }
        }
        return n;
    }

    /**
     * Why {@code action} ({@code service:Name}, stars and question marks allowed) names no action of the catalog,
     * with the nearest names; null when it names one (or is {@code *}).
     */
    public String unknownAction(String action) {
        int c = action.indexOf(':');
        if (action.equals("*") || c <= 0) {
            return null;
        }
        String service = action.substring(0, c).toLowerCase(Locale.ROOT);
        String name = action.substring(c + 1);
        if (service.contains("*") || service.contains("?")) {
            return null;
        }
        List<String> names = catalog.actionNames(service);
        if (names.isEmpty()) {
            return "`" + action + "`: the action catalog (Service Authorization Reference of " + catalogDate + ") has no service `"
                    + action.substring(0, c) + "`" + Suggest.didYouMean(service, catalog.services());
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("*") || lower.contains("?")) {
            for (String n : names) {
                if (Glob.match(lower, n.toLowerCase(Locale.ROOT))) {
                    return null;
                }
            }
            return "`" + action + "` matches no action of " + service + " in the action catalog (" + catalogDate + ")";
        }
        if (catalog.hasAction(action)) {
            return null;
        }
        List<String> near = Suggest.nearest(name, names).stream().map(n -> service + ":" + n).toList();
        return "`" + action + "` is not an action of " + service + " in the action catalog (" + catalogDate + ")" + Suggest.didYouMean(near);
    }

    /**
     * Why {@code key} is not a condition key AWS has, with the nearest keys; null when it is one, or when its prefix
     * is not one whose keys are known (see the class).
     */
    public String unknownConditionKey(String key) {
        int c = key.indexOf(':');
        if (c <= 0) {
            return "`" + key + "` is not a condition key: expected prefix:name, such as `aws:SourceIp` or `s3:prefix`";
        }
        String prefix = key.substring(0, c).toLowerCase(Locale.ROOT);
        List<String> keys = keysByPrefix.get(prefix);
        if (keys == null || prefix.contains(".") || prefix.contains("/")) {
            // an identity provider's keys (token.actions.githubusercontent.com:sub): the reference lists them only in part
            return null;
        }
        for (String k : keys) {
            if (fits(k, key)) {
                return null;
            }
        }
        Set<String> spelt = new TreeSet<>();
        for (String k : keys) {
            spelt.add(template(k) >= 0 ? k.substring(0, template(k)) : k);
        }
        String what = prefix.equals("aws") ? "a global condition key (IAM User Guide)" : "a condition key of `" + key.substring(0, c)
                + "` in the action catalog (" + catalogDate + ")";
        String near = Suggest.didYouMean(key, spelt);
        if (near.isEmpty()) {
            // aws:PrincipalTag/team misspelt before its slash: compare the part before it
            int slash = key.indexOf('/');
            if (slash > 0) {
                List<String> n = Suggest.nearest(key.substring(0, slash + 1), spelt).stream().map(s -> s + key.substring(slash + 1)).toList();
                near = Suggest.didYouMean(n);
            }
        }
        return "`" + key + "` is not " + what + near;
    }

    /**
     * The actions and condition keys a policy document (parsed without problems) names that AWS does not have, as
     * warnings ({@link dev.gatehouse.api.ProblemCode#UNKNOWN_NAME}) located at the statement's element.
     */
    public List<dev.gatehouse.api.Problem> unknownNames(JsonNode doc, String source, String pointer) {
        List<dev.gatehouse.api.Problem> out = new ArrayList<>();
        if (doc != null && doc.isTextual()) {
            doc = PolicyParser.decodeString(doc.asText());
        }
        JsonNode st = doc == null ? null : doc.get("Statement");
        if (st == null) {
            return out;
        }
        List<JsonNode> statements = new ArrayList<>();
        if (st.isArray()) {
            st.forEach(statements::add);
        } else {
            statements.add(st);
        }
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            String at = pointer + "/Statement" + (st.isArray() ? "/" + i : "");
            for (String element : List.of("Action", "NotAction")) {
                JsonNode a = s.get(element);
                List<JsonNode> names = new ArrayList<>();
                if (a != null && a.isArray()) {
                    a.forEach(names::add);
                } else if (a != null) {
                    names.add(a);
                }
                for (int j = 0; j < names.size(); j++) {
                    String why = unknownAction(names.get(j).asText());
                    if (why != null) {
                        out.add(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.UNKNOWN_NAME, source,
                                at + "/" + element + (a.isArray() ? "/" + j : ""), why));
                    }
                }
            }
            JsonNode cond = s.get("Condition");
            if (cond != null && cond.isObject()) {
                cond.fields().forEachRemaining(op -> op.getValue().fieldNames().forEachRemaining(key -> {
                    String why = unknownConditionKey(key);
                    if (why != null) {
                        out.add(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.UNKNOWN_NAME, source,
                                at + "/Condition" + Json.seg(op.getKey()) + Json.seg(key), why));
                    }
                }));
            }
        }
        return out;
    }

    /**
     * Whether a request for {@code action} can carry the condition key (semantics: a service key the action catalog
     * lists neither for the action nor its resource types is absent from every real request of it). True for global
     * ({@code aws:}) and cross-service keys, for an identity provider's keys ({@code token.actions.githubusercontent.com:sub},
     * which the reference lists only in part), and for an action the catalog does not have: those are not judged.
     */
    public boolean carries(String action, String key) {
        String k = key.toLowerCase(Locale.ROOT);
        int c = k.indexOf(':');
        if (k.startsWith("aws:") || c <= 0 || k.substring(0, c).contains(".") || crossService.contains(k)) {
            return true;
        }
        return carried.computeIfAbsent(action.toLowerCase(Locale.ROOT) + " " + k, x -> {
            List<String> keys = catalog.serviceKeysOf(action);
            return keys == null || keys.stream().anyMatch(spelt -> fits(spelt, key));
        });
    }

    /** The date of the action catalog the names come from. */
    public String catalogDate() {
        return catalogDate;
    }

    /** Where a key's variable begins ({@code ${TagKey}}, {@code <key>}), or -1. */
    private static int template(String key) {
        int d = key.indexOf("${");
        int a = key.indexOf('<');
        return d < 0 ? a : a < 0 ? d : Math.min(a, d);
    }

    /** Whether {@code key} is the reference's {@code spelt}: equal ignoring case, or with something in place of each variable. */
    static boolean fits(String spelt, String key) {
        if (template(spelt) < 0) {
            // the reference also writes a tag key after the slash as `ResourceTag/tag-key` or leaves it out
            // (`secretsmanager:ResourceTag/tag-key`, `sagemaker:ResourceTag/`): any tag key in its place
            String lower = spelt.toLowerCase(Locale.ROOT);
            if (lower.endsWith("/") || lower.endsWith("tag/tag-key")) {
                int slash = spelt.lastIndexOf('/') + 1;
                return key.length() > slash && key.regionMatches(true, 0, spelt, 0, slash);
            }
            return spelt.equalsIgnoreCase(key);
        }
        return TEMPLATES.computeIfAbsent(spelt, AwsNames::pattern).matcher(key).matches();
    }

    private static final Map<String, java.util.regex.Pattern> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    private static java.util.regex.Pattern pattern(String spelt) {
        StringBuilder re = new StringBuilder();
        String[] parts = spelt.split("\\$\\{[^}]*}|<[^>]*>", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".+");
            }
            re.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.CASE_INSENSITIVE);
    }
}
