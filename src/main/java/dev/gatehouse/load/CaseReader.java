package dev.gatehouse.load;

import dev.gatehouse.api.ProblemCode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.facts.OrgLevel;
import dev.gatehouse.facts.PolicySet;
import dev.gatehouse.facts.Request;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.api.InputException;
import dev.gatehouse.policy.ContextValues;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;
import dev.gatehouse.api.Problem;
import dev.gatehouse.policy.RequestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads request cases in the input format of the reference oracle ({@code ../shared/oracle/oracle.mjs}):
 * a request object, an array of them, {@code {"defaults": …, "requests": […]}}, or JSON lines. Every
 * case becomes a {@link RequestCase}; a case with problems carries them instead of a request, and the
 * other cases still load. Policies shared between cases (through defaults) are parsed once.
 */
public final class CaseReader {
    static final Set<String> CASE_KEYS = Set.of("name", "principal", "action", "resource", "resourceAccount",
            "context", "identityPolicies", "resourcePolicy", "permissionBoundary", "sessionPolicy", "scps", "rcps",
            "mode", "federatedBy", "discoveryContextKeyConstraints", "vpcEndpointPolicies", "s3", "expect", "description");

    private static final String RCP_FULL_ACCESS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private final String source;
    private final Map<JsonNode, Map<String, Object>> parsed = new IdentityHashMap<>();
    private final Policy rcpFullAccess;
    private int nextPolicy;
    private int nextRequest;

    public CaseReader(String source) {
        this.source = source;
        this.rcpFullAccess = PolicyParser.parse(Json.parse(RCP_FULL_ACCESS, "builtin"), PolicyKind.RCP,
                "p-RCPFullAWSAccess", "RCPFullAWSAccess", "builtin", "").orThrow();
    }

    /** Reads one case given as a JSON object (the case format). */
    public RequestCase readOne(JsonNode node) {
        return readCase(node, null, "");
    }

    /** Reads every case of a cases file's text. A file that is not JSON at all throws. */
    public List<RequestCase> read(String text) {
        List<RequestCase> out = new ArrayList<>();
        read(text, out::add);
        return out;
    }

    /**
     * Reads every case of a cases file's text, handing each to the sink as it is read, in file order: a list
     * of requests, {@code {"defaults": …, "requests": […]}}, one request, or one request per line (JSON
     * lines, where a line that is not JSON is an error case and the other lines still load). A list is read
     * one request at a time (memory does not grow with the file's cases, but for {@code requests} given before
     * their {@code defaults}). A file that is not JSON at all throws.
     */
    public void read(String text, java.util.function.Consumer<RequestCase> sink) {
        String trimmed = text.trim();
        InputException firstError = null;
        boolean trailing = false;
        // a first pass checks the syntax of the one JSON value the file should hold, without building it
        try (JsonParser p = Json.mapper().createParser(trimmed)) {
            if (p.nextToken() == null) {
                throw new InputException(new Problem(ProblemCode.NOT_JSON, source, "", "the file is empty; expected a request or a list of requests"));
            }
            p.skipChildren();
            trailing = p.nextToken() != null;
        } catch (JsonProcessingException e) {
            firstError = new InputException(new Problem(ProblemCode.NOT_JSON, source, "", Json.describe(e)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (firstError != null || trailing) {
            String[] lines = trimmed.split("\n");
            if (lines.length < 2) {
                throw firstError != null ? firstError : new InputException(new Problem(ProblemCode.NOT_JSON, source, "",
                        "more than one JSON value on one line; give a list of requests, or one request per line"));
            }
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty()) {
                    continue;
                }
                String where = "line " + (i + 1);
                try {
                    sink.accept(readCase(Json.parse(line, source), null, where));
                } catch (InputException e) {
                    sink.accept(new RequestCase(where, null, List.of(new Problem(e.problems().get(0).code(), source, where,
                            e.problems().get(0).message())), null));
                }
                forgetEvery(i, null);
            }
            return;
        }
        try (JsonParser p = Json.mapper().createParser(trimmed)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    sink.accept(readCase(tree(p), null, "/" + i));
                    forgetEvery(i, null);
                }
            } else if (t == JsonToken.START_OBJECT) {
                readObject(p, sink);
            } else {
                sink.accept(readCase(tree(p), null, ""));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // the first pass read this very text
        }
    }

    /** A top-level object: {@code {"defaults": …, "requests": […]}}, or one request. */
    private void readObject(JsonParser p, java.util.function.Consumer<RequestCase> sink) throws IOException {
        ObjectNode whole = Json.mapper().createObjectNode();
        JsonNode defaults = null;
        boolean streamed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("requests") && v == JsonToken.START_ARRAY && defaults != null) {
                // the requests after their defaults: one at a time
                for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                    sink.accept(readCase(tree(p), defaults, "/requests/" + i));
                    forgetEvery(i, defaults);
                }
                streamed = true;
                continue;
            }
            JsonNode value = tree(p);
            whole.set(field, value);
            if (field.equals("defaults")) {
                if (!value.isObject()) {
                    throw new InputException(new Problem(ProblemCode.WRONG_SHAPE, source, "/defaults", "expected an object, found "
                            + Json.kind(value)));
                }
                defaults = value;
            }
        }
        if (streamed) {
            return;
        }
        if (!whole.has("requests")) {
            sink.accept(readCase(whole, null, ""));
            return;
        }
        JsonNode reqs = whole.get("requests");
        if (!reqs.isArray()) {
            throw new InputException(new Problem(ProblemCode.WRONG_SHAPE, source, "/requests", "expected a list of requests, found "
                    + Json.kind(reqs)));
        }
        for (int i = 0; i < reqs.size(); i++) {
            sink.accept(readCase(reqs.get(i), defaults, "/requests/" + i));
        }
    }

    /**
     * Policies are parsed once per document node (those of the defaults are shared by every case, and keep
     * their ids); in a long file the nodes of cases already read are let go every {@value #FORGET_EVERY} cases.
     */
    private void forgetEvery(int i, JsonNode defaults) {
        if ((i + 1) % FORGET_EVERY == 0) {
            Set<JsonNode> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            if (defaults != null) {
                java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(defaults));
                while (!todo.isEmpty()) {
                    JsonNode n = todo.pop();
                    keep.add(n);
                    n.elements().forEachRemaining(todo::push);
                }
            }
            parsed.keySet().retainAll(keep);
        }
    }

    private static final int FORGET_EVERY = 1024;

    /** Reads the value at the parser as a tree and leaves the parser after it (more may follow: a list's next element). */
    private static JsonNode tree(JsonParser p) throws IOException {
        return ELEMENT.readTree(p);
    }

    private static final com.fasterxml.jackson.databind.ObjectReader ELEMENT = Json.mapper().reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestCase readCase(JsonNode node, JsonNode defaults, String at) {
        List<Problem> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, at, "expected a request object, found " + Json.kind(node)));
            return new RequestCase(at, null, problems, null);
        }
        ObjectNode obj = (ObjectNode) node;
        String name = obj.hasNonNull("name") ? obj.get("name").asText() : (at.isEmpty() ? "request" : at);
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!CASE_KEYS.contains(k)) {
                problems.add(new Problem(ProblemCode.UNKNOWN_ELEMENT, source, at + Json.seg(k), "unknown request field `" + k + "`"));
            }
        }
        Field f = new Field(obj, defaults, at);
        String principal = text(f, "principal", problems, true);
        String action = text(f, "action", problems, true);
        String resource = text(f, "resource", problems, true);
        String resourceAccount = text(f, "resourceAccount", problems, false);
        String mode = text(f, "mode", problems, false);
        if (mode != null && !mode.equals("Strict") && !mode.equals("Discovery")) {
            problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("mode"), "expected `Strict` or `Discovery`, found `" + mode + "`"));
        }
        for (String unsupported : List.of("vpcEndpointPolicies", "s3")) {
            JsonNode u = f.get(unsupported);
            if (u != null && !u.isNull() && !(u.isArray() && u.isEmpty())) {
                problems.add(new Problem(ProblemCode.NOT_ALLOWED, source, f.at(unsupported), "`" + unsupported
                        + "` is not supported by Gatehouse; remove it to evaluate without it"));
            }
        }
        JsonNode constraints = f.get("discoveryContextKeyConstraints");
        if (constraints != null && !constraints.isNull() && !(constraints.isArray() && constraints.isEmpty())) {
            // read and ignored, a constraint that a key is present (or known) would silently change nothing
            problems.add(new Problem(ProblemCode.NOT_ALLOWED, source, f.at("discoveryContextKeyConstraints"), "`discoveryContextKeyConstraints` "
                    + "is not supported by Gatehouse: in Discovery mode a key not in `context` is unknown and the answer Conditional on it; "
                    + "give the values you know in `context`, or remove it"));
        }
        Map<String, List<String>> ctx = context(f, problems);
        if (action != null && !action.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
            problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("action"), "expected an action such as `s3:GetObject`, found `"
                    + action + "`"));
        }
        for (String[] arn : new String[][] {{"principal", principal}, {"resource", resource}}) {
            String why = dev.gatehouse.policy.AwsLimits.arnTooLong(arn[1]);
            if (why != null) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at(arn[0]), why));
                return new RequestCase(name, null, problems, obj.get("expect"));
            }
        }
        Caller caller = null;
        if (principal != null) {
            String pArn = ctx.containsKey("aws:PrincipalArn") ? first(ctx.get("aws:PrincipalArn")) : null;
            caller = Callers.parse(principal, pArn);
            if (caller == null) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("principal"), "expected an IAM user, role, role session, "
                        + "federated user or root ARN, a service principal or `anonymous`, found `" + principal + "`"));
            }
        }
        String federatedBy = text(f, "federatedBy", problems, false);
        if (federatedBy != null && caller != null) {
            // the IAM user that called GetFederationToken: its ARN is not in the session's
            Arn u = Arn.parse(federatedBy).orElse(null);
            if (caller.kind() != dev.gatehouse.facts.CallerKind.FEDERATED_USER) {
                problems.add(new Problem(ProblemCode.NOT_ALLOWED, source, f.at("federatedBy"), "`federatedBy` names the IAM user behind a "
                        + "federated user session (`arn:aws:sts::111111111111:federated-user/NAME`); the principal is not one"));
            } else if (u == null || !u.service().equals("iam") || !u.resourceType().equals("user") || !u.account().equals(caller.account())) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("federatedBy"), "expected the ARN of an IAM user of account "
                        + caller.account() + " (the one that called GetFederationToken), found `" + federatedBy + "`"));
            } else {
                caller = caller.federatedBy(federatedBy);
            }
        }
        String resourceService = "";
        String resourceType = "";
        if (resource != null && !resource.equals("*")) {
            Arn ra = Arn.parse(resource).orElse(null);
            if (ra == null) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("resource"), "expected an ARN or `*`, found `" + resource + "`"));
            } else {
                resourceService = ra.service().toLowerCase(Locale.ROOT);
                resourceType = ra.resourceType();
                // AWS's own resources (managed policies) name the account `aws`
                if (resourceAccount == null && (ra.account().matches("\\d{12}") || ra.account().equals("aws"))) {
                    resourceAccount = ra.account();
                }
            }
        }
        if (resourceAccount == null && resource != null) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, at, "missing `resourceAccount`: the resource `" + resource
                    + "` names no account"));
        } else if (resourceAccount != null && !resourceAccount.matches("\\d{12}") && !resourceAccount.equals("aws")) {
            problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("resourceAccount"), "expected a 12-digit account id, found `"
                    + resourceAccount + "`"));
        }
        List<Policy> identity = policies(f, "identityPolicies", PolicyKind.IDENTITY, "identity", problems);
        List<Policy> boundary = policies(f, "permissionBoundary", PolicyKind.BOUNDARY, "boundary", problems);
        List<Policy> session = policies(f, "sessionPolicy", PolicyKind.SESSION, "session", problems);
        List<Policy> resourcePolicies = policies(f, "resourcePolicy", PolicyKind.RESOURCE, "resource", problems);
        if (resourcePolicies.size() > 1) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, f.at("resourcePolicy"), "expected one resource policy, found a list"));
        }
        List<OrgLevel> scps = levels(f, "scps", PolicyKind.SCP, problems);
        List<OrgLevel> rcps = levels(f, "rcps", PolicyKind.RCP, problems);
        JsonNode expect = obj.get("expect");
        if (!problems.isEmpty() || caller == null) {
            return new RequestCase(name, null, problems, expect);
        }
        Set<String> given = new java.util.HashSet<>();
        ctx.keySet().forEach(k -> given.add(k.toLowerCase(Locale.ROOT)));
        // keys that the principal and resource determine, unless the case gives them
        Requests.principalKeys(caller).forEach((k, v) -> derive(ctx, k, v.get(0)));
        Requests.resourceKeys(action, resourceAccount).forEach((k, v) -> derive(ctx, k, v.get(0)));
        // in Discovery mode the keys the principal's kind rules out (aws:username of a role) are absent, not unknown
        Set<String> absent = new java.util.HashSet<>();
        for (String key : Requests.PRINCIPAL_KEYS) {
            if (ctx.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(key))) {
                absent.add(key.toLowerCase(Locale.ROOT));
            }
        }
        RequestContext context = ("Discovery".equals(mode) ? RequestContext.open(ctx, absent)
                : RequestContext.closed(ctx)).givenByCaller(given);
        PolicySet set = new PolicySet(identity, boundary, session,
                resourcePolicies.isEmpty() ? null : resourcePolicies.get(0), scps, rcps);
        Request r = Requests.request(nextRequest++, name, caller, action, resource, resourceAccount, context, set);
        List<Problem> warnings = new ArrayList<>();
        for (String key : r.context().ignored()) {
            warnings.add(new Problem(ProblemCode.IGNORED_CONTEXT_KEY, source, f.at("context") + Json.seg(key), "`" + key + "` is not a key "
                    + action + " can carry (the action catalog of " + dev.gatehouse.policy.AwsNames.shipped().catalogDate()
                    + " lists it neither for the action nor its resource types): decided as absent"));
        }
        return new RequestCase(name, r, List.of(), expect, warnings);
    }

    private static void derive(Map<String, List<String>> ctx, String key, String value) {
        if (value == null) {
            return;
        }
        for (String k : ctx.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                return;
            }
        }
        ctx.put(key, List.of(value));
    }

    private static String first(List<String> l) {
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    /** A case's field, inherited from the defaults when the case does not give it. */
    private record Field(ObjectNode obj, JsonNode defaults, String at) {
        JsonNode get(String k) {
            JsonNode v = obj.get(k);
            if (v == null && defaults != null) {
                v = defaults.get(k);
            }
            return v;
        }

        String at(String k) {
            return obj.has(k) || defaults == null || !defaults.has(k) ? at + "/" + k : "/defaults/" + k;
        }
    }

    private String text(Field f, String key, List<Problem> problems, boolean required) {
        JsonNode v = f.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, f.at(), "missing `" + key + "`"));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, f.at(key), "expected a string, found " + Json.kind(v)));
            return null;
        }
        return v.asText();
    }

    private Map<String, List<String>> context(Field f, List<Problem> problems) {
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        JsonNode c = f.get("context");
        if (c == null || c.isNull()) {
            return ctx;
        }
        if (!c.isObject()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, f.at("context"), "expected an object of condition keys, found "
                    + Json.kind(c)));
            return ctx;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String again = ContextValues.sameKeyAs(e.getKey(), ctx.keySet());
            if (again != null) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("context") + Json.seg(e.getKey()), again));
                continue;
            }
            JsonNode v = e.getValue();
            List<String> vals = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode x : v) {
                    if (x.isValueNode() && !x.isNull()) {
                        vals.add(x.asText());
                    } else {
                        problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, f.at("context") + Json.seg(e.getKey()),
                                "expected strings, numbers or booleans, found " + Json.kind(x)));
                    }
                }
            } else if (v.isValueNode() && !v.isNull()) {
                vals.add(v.asText());
            } else {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, f.at("context") + Json.seg(e.getKey()),
                        "expected a string, number, boolean or a list of them, found " + Json.kind(v)));
                continue;
            }
            String many = dev.gatehouse.policy.AwsLimits.tooManyValues(vals.size());
            if (many != null) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("context") + Json.seg(e.getKey()), many));
                continue;
            }
            for (int i = 0; i < vals.size(); i++) {
                String why = ContextValues.check(e.getKey(), vals.get(i));
                if (why != null) {
                    problems.add(new Problem(ProblemCode.INVALID_VALUE, source, f.at("context") + Json.seg(e.getKey())
                            + (v.isArray() ? "/" + i : ""), why));
                }
            }
            ctx.put(e.getKey(), vals);
        }
        return ctx;
    }

    /** A policy document, {@code {"name", "policy"}}, or a list of either. */
    private List<Policy> policies(Field f, String key, PolicyKind kind, String prefix, List<Problem> problems) {
        JsonNode v = f.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        String at = f.at(key);
        List<Policy> out = new ArrayList<>();
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                Policy p = policy(v.get(i), kind, prefix + i, at + "/" + i, problems);
                if (p != null) {
                    out.add(p);
                }
            }
        } else {
            Policy p = policy(v, kind, kind == PolicyKind.RESOURCE ? "ResourcePolicy"
                    : kind == PolicyKind.SESSION ? "SessionPolicy" : prefix + "0", at, problems);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private Policy policy(JsonNode node, PolicyKind kind, String defaultName, String at, List<Problem> problems) {
        JsonNode doc = node;
        String name = defaultName;
        String docAt = at;
        if (node.isObject() && node.has("policy") && !node.has("Statement")) {
            doc = node.get("policy");
            docAt = at + "/policy";
            if (node.hasNonNull("name")) {
                name = node.get("name").asText();
            }
        }
        String cacheKey = kind + "\u0000" + name;
        Map<String, Object> byKind = parsed.computeIfAbsent(doc, k -> new java.util.HashMap<>());
        Object cached = byKind.get(cacheKey);
        if (cached == null) {
            PolicyParser.Result res = PolicyParser.parse(doc, kind, "p" + (nextPolicy++), name, source, docAt);
            cached = res.ok() ? res.policy() : res.problems();
            byKind.put(cacheKey, cached);
        }
        if (cached instanceof Policy p) {
            return p;
        }
        @SuppressWarnings("unchecked")
        List<Problem> ps = (List<Problem>) cached;
        problems.addAll(ps);
        return null;
    }

    private List<OrgLevel> levels(Field f, String key, PolicyKind kind, List<Problem> problems) {
        JsonNode v = f.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        String at = f.at(key);
        if (!v.isArray()) {
            problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, at, "expected a list of levels (root first, account last), found "
                    + Json.kind(v)));
            return List.of();
        }
        String prefix = kind == PolicyKind.SCP ? "scp" : "rcp";
        List<OrgLevel> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode lvl = v.get(i);
            String lat = at + "/" + i;
            String name = prefix + "-level-" + i;
            JsonNode list = lvl;
            if (lvl.isObject()) {
                if (lvl.hasNonNull("orgIdentifier")) {
                    name = lvl.get("orgIdentifier").asText();
                }
                list = lvl.get("policies");
                lat = lat + "/policies";
                if (list == null) {
                    list = Json.mapper().createArrayNode();
                }
            }
            if (!list.isArray()) {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, source, lat, "expected a list of policies, found " + Json.kind(list)));
                continue;
            }
            List<Policy> ps = new ArrayList<>();
            if (kind == PolicyKind.RCP) {
                ps.add(rcpFullAccess);
            }
            for (int j = 0; j < list.size(); j++) {
                Policy p = policy(list.get(j), kind, prefix + i + "." + j, lat + "/" + j, problems);
                if (p != null) {
                    ps.add(p);
                }
            }
            out.add(new OrgLevel(i, name, ps));
        }
        return out;
    }
}
