package dev.gatehouse.policy;

import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.InputException;

import dev.gatehouse.api.Problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads policy documents (JSON objects, or JSON strings, URL-encoded or not) into {@link Policy}
 * records, collecting one {@link Problem} per grammar error with its JSON pointer.
 */
public final class PolicyParser {
    /** AWS's largest policy size (a managed policy, 6,144 characters without white space) times a margin. */
    public static final int MAX_POLICY_CHARS = 131_072;

    private static final Set<String> POLICY_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_KEYS = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    /** The outcome of parsing one document: the policy when it is usable, and every problem found. */
    public record Result(Policy policy, List<Problem> problems) {
        public boolean ok() {
            return policy != null && problems.isEmpty();
        }

        public Policy orThrow() {
            if (!ok()) {
                throw new InputException(problems);
            }
            return policy;
        }
    }

    private final String source;
    private final String base;
    private final PolicyKind kind;
    private final List<Problem> problems = new ArrayList<>();

    private PolicyParser(String source, String base, PolicyKind kind) {
        this.source = source;
        this.base = base;
        this.kind = kind;
    }

    /**
     * Parses one policy document found at {@code pointer} in {@code source}.
     *
     * @param id   identity of the policy within an evaluation
     * @param name what a reader sees
     */
    public static Result parse(JsonNode doc, PolicyKind kind, String id, String name, String source, String pointer) {
        PolicyParser p = new PolicyParser(source, pointer, kind);
        Policy policy = p.policy(doc, id, name);
        return new Result(p.problems.isEmpty() ? policy : null, List.copyOf(p.problems));
    }

    /** Decodes a policy given as a JSON string (URL-encoded or not) into its JSON tree. */
    public static JsonNode decodeString(String text) {
        String t = text.trim();
        if (t.startsWith("%") || (!t.startsWith("{") && t.contains("%7B")) || (!t.startsWith("{") && t.contains("%7b"))) {
            t = URLDecoder.decode(t, StandardCharsets.UTF_8);
        }
        return Json.parse(t, null);
    }

    /** The largest document AWS stores for each kind (white space not counted): an inline role policy, a KMS key policy, an SCP. */
    static int awsLimit(PolicyKind kind) {
        return switch (kind) {
            case IDENTITY -> 10_240;
            case BOUNDARY -> 6_144;
            case SESSION -> 2_048;
            case RESOURCE -> 32_768;
            case SCP, RCP -> 5_120;
        };
    }

    private static String an(String title) {
        return ("aeiou".indexOf(title.charAt(0)) >= 0 ? "an " : "a ") + title;
    }

    private void problem(ProblemCode code, String at, String message) {
        problems.add(new Problem(code, source, base + at, message));
    }

    private Policy policy(JsonNode doc, String id, String name) {
        if (doc != null && doc.isTextual()) {
            if (doc.asText().length() > MAX_POLICY_CHARS) {
                problem(ProblemCode.POLICY_TOO_LARGE, "", "policy document of " + doc.asText().length() + " characters exceeds the limit of "
                        + MAX_POLICY_CHARS);
                return null;
            }
            try {
                doc = decodeString(doc.asText());
            } catch (InputException e) {
                problem(ProblemCode.NOT_JSON, "", "policy string is not a JSON document: " + e.problems().get(0).message());
                return null;
            } catch (IllegalArgumentException e) {
                problem(ProblemCode.NOT_JSON, "", "policy string is not valid URL encoding: " + e.getMessage());
                return null;
            }
        }
        if (doc == null || !doc.isObject()) {
            problem(ProblemCode.WRONG_SHAPE, "", "expected a policy document (a JSON object), found " + Json.kind(doc));
            return null;
        }
        int size = doc.toString().length();
        if (size > MAX_POLICY_CHARS) {
            problem(ProblemCode.POLICY_TOO_LARGE, "", "policy document exceeds the limit of " + MAX_POLICY_CHARS + " characters");
            return null;
        }
        // AWS refuses to store larger documents (its own managed policies aside): one this size is not real input
        int limit = awsLimit(kind);
        if (size > limit && !(id != null && id.matches("arn:[^:]+:iam::aws:policy/.*"))) {
            problem(ProblemCode.POLICY_TOO_LARGE, "", String.format(java.util.Locale.ROOT, "policy document of %,d characters is over the %,d AWS allows "
                    + "for %s (white space aside); AWS would not have stored it", size, limit, an(kind.title())));
            return null;
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!POLICY_KEYS.contains(k)) {
                problem(ProblemCode.UNKNOWN_ELEMENT, Json.seg(k), "unknown policy element `" + k + "`; expected Version, Id or Statement");
            }
        }
        String version = null;
        JsonNode v = doc.get("Version");
        if (v != null) {
            if (!v.isTextual() || !(v.asText().equals("2012-10-17") || v.asText().equals("2008-10-17"))) {
                problem(ProblemCode.INVALID_VALUE, "/Version", "expected `2012-10-17` or `2008-10-17`, found " + Json.kind(v));
            } else {
                version = v.asText();
            }
        }
        JsonNode idNode = doc.get("Id");
        if (idNode != null && !idNode.isTextual()) {
            problem(ProblemCode.WRONG_SHAPE, "/Id", "expected a string, found " + Json.kind(idNode));
        }
        JsonNode st = doc.get("Statement");
        List<Statement> statements = new ArrayList<>();
        boolean variables = "2012-10-17".equals(version);
        if (st == null) {
            problem(ProblemCode.WRONG_SHAPE, "", "missing `Statement`");
        } else if (st.isObject()) {
            Statement s = statement(st, 0, "/Statement", variables);
            if (s != null) {
                statements.add(s);
            }
        } else if (st.isArray()) {
            for (int i = 0; i < st.size(); i++) {
                Statement s = statement(st.get(i), i, "/Statement/" + i, variables);
                if (s != null) {
                    statements.add(s);
                }
            }
        } else {
            problem(ProblemCode.WRONG_SHAPE, "/Statement", "expected a statement object or a list of them, found " + Json.kind(st));
        }
        return new Policy(id, name, version, statements);
    }

    private Statement statement(JsonNode s, int index, String at, boolean variables) {
        if (!s.isObject()) {
            problem(ProblemCode.WRONG_SHAPE, at, "expected a statement object, found " + Json.kind(s));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!STATEMENT_KEYS.contains(k)) {
                problem(ProblemCode.UNKNOWN_ELEMENT, at + Json.seg(k), "unknown statement element `" + k + "`");
            }
        }
        String sid = null;
        JsonNode sidNode = s.get("Sid");
        if (sidNode != null) {
            if (!sidNode.isTextual()) {
                problem(ProblemCode.WRONG_SHAPE, at + "/Sid", "expected a string, found " + Json.kind(sidNode));
            } else {
                sid = sidNode.asText();
            }
        }
        Effect effect = null;
        JsonNode e = s.get("Effect");
        if (e == null) {
            problem(ProblemCode.WRONG_SHAPE, at, "missing `Effect`; expected `Allow` or `Deny`");
        } else if (e.isTextual() && e.asText().equals("Allow")) {
            effect = Effect.ALLOW;
        } else if (e.isTextual() && e.asText().equals("Deny")) {
            effect = Effect.DENY;
        } else {
            problem(ProblemCode.WRONG_SHAPE, at + "/Effect", "expected `Allow` or `Deny`, found " + Json.kind(e));
        }
        // Principal
        JsonNode pr = s.get("Principal");
        JsonNode npr = s.get("NotPrincipal");
        PrincipalSpec principal = null;
        boolean notPrincipal = false;
        if (!kind.principalRequired()) {
            if (pr != null) {
                problem(ProblemCode.NOT_ALLOWED, at + "/Principal", "`Principal` is not allowed in a " + kind.title());
            }
            if (npr != null) {
                problem(ProblemCode.NOT_ALLOWED, at + "/NotPrincipal", "`NotPrincipal` is not allowed in a " + kind.title());
            }
        } else if (pr != null && npr != null) {
            problem(ProblemCode.WRONG_SHAPE, at, "both `Principal` and `NotPrincipal`; expected one of them");
        } else if (pr == null && npr == null) {
            problem(ProblemCode.WRONG_SHAPE, at, "missing `Principal`; a " + kind.title() + " must name who it applies to");
        } else {
            notPrincipal = npr != null;
            principal = principal(notPrincipal ? npr : pr, at + (notPrincipal ? "/NotPrincipal" : "/Principal"));
            if (notPrincipal && effect == Effect.ALLOW) {
                // AWS supports NotPrincipal only with Deny (IAM User Guide, "AWS JSON policy elements: NotPrincipal"):
                // read as written it would grant the very principals it names
                problem(ProblemCode.NOT_ALLOWED, at + "/NotPrincipal", "`NotPrincipal` with `Allow` is not supported by AWS; "
                        + "name the principals in `Principal`, or use `NotPrincipal` with `Deny`");
            }
        }
        // Action
        JsonNode a = s.get("Action");
        JsonNode na = s.get("NotAction");
        List<String> actions = List.of();
        boolean notAction = false;
        if (a != null && na != null) {
            problem(ProblemCode.WRONG_SHAPE, at, "both `Action` and `NotAction`; expected one of them");
        } else if (a == null && na == null) {
            problem(ProblemCode.WRONG_SHAPE, at, "missing `Action` or `NotAction`");
        } else {
            notAction = na != null;
            String where = at + (notAction ? "/NotAction" : "/Action");
            actions = names(notAction ? na : a, where, "an action such as `s3:GetObject`");
            for (int i = 0; i < actions.size(); i++) {
                String act = actions.get(i);
                if (!act.equals("*") && !act.matches("[A-Za-z0-9*?_.-]+:[A-Za-z0-9*?_.-]*")) {
                    problem(ProblemCode.INVALID_VALUE, where + (actions.size() > 1 || (notAction ? na : a).isArray() ? "/" + i : ""),
                            "expected an action such as `s3:GetObject` or `*`, found `" + act + "`");
                }
            }
        }
        // Resource
        JsonNode r = s.get("Resource");
        JsonNode nr = s.get("NotResource");
        List<String> resources = List.of("*");
        boolean notResource = false;
        if (r != null && nr != null) {
            problem(ProblemCode.WRONG_SHAPE, at, "both `Resource` and `NotResource`; expected one of them");
        } else if (r == null && nr == null) {
            if (kind == PolicyKind.IDENTITY || kind == PolicyKind.BOUNDARY || kind == PolicyKind.SESSION) {
                problem(ProblemCode.WRONG_SHAPE, at, "missing `Resource` or `NotResource`");
            }
        } else {
            notResource = nr != null;
            String where = at + (notResource ? "/NotResource" : "/Resource");
            JsonNode node = notResource ? nr : r;
            resources = names(node, where, "an ARN or `*`");
            for (int i = 0; i < resources.size(); i++) {
                String res = resources.get(i);
                String msg = Variables.checkSyntax(res);
                if (!res.equals("*") && !res.startsWith("arn:")) {
                    problem(ProblemCode.INVALID_VALUE, where + (node.isArray() ? "/" + i : ""), "expected an ARN or `*`, found `" + res + "`");
                } else if (!res.equals("*") && !Arn.isArn(res)) {
                    // IAM refuses it ("must be in ARN format"); read as written it matches nothing, so a Deny or a
                    // NotResource naming it would silently stop working
                    problem(ProblemCode.INVALID_VALUE, where + (node.isArray() ? "/" + i : ""), "expected a whole ARN "
                            + "(arn:partition:service:region:account:resource) or `*`, found `" + res + "`");
                } else if (msg != null) {
                    problem(ProblemCode.INVALID_VALUE, where + (node.isArray() ? "/" + i : ""), msg);
                }
            }
        }
        List<Condition> conditions = conditions(s.get("Condition"), at + "/Condition", variables);
        if (kind == PolicyKind.RCP && effect == Effect.ALLOW && !(principal != null && principal.anyone() && !notPrincipal
                && !notAction && actions.equals(List.of("*")) && !notResource && resources.equals(List.of("*")) && conditions.isEmpty())) {
            // AWS Organizations User Guide, "RCP syntax": customer RCPs take only Deny statements; the one Allow is
            // AWS's RCPFullAWSAccess (Principal, Action and Resource "*"). Read as written, another Allow would grant nothing
            // more, but an RCP that seems to allow is a policy AWS would refuse: say so rather than evaluate it
            problem(ProblemCode.NOT_ALLOWED, at + "/Effect", "an RCP cannot allow: customer resource control policies take only "
                    + "`Deny` statements (the one `Allow` is AWS's RCPFullAWSAccess)");
        }
        if (problems.size() > before || effect == null) {
            return null;
        }
        return new Statement(index, sid, effect, principal, notPrincipal, actions, notAction, resources, notResource,
                conditions);
    }

    private PrincipalSpec principal(JsonNode p, String at) {
        if (p.isTextual()) {
            if (p.asText().equals("*")) {
                return PrincipalSpec.ANYONE;
            }
            problem(ProblemCode.WRONG_SHAPE, at, "expected `*` or an object with AWS, Service, Federated or CanonicalUser, found "
                    + Json.kind(p));
            return null;
        }
        if (!p.isObject()) {
            problem(ProblemCode.WRONG_SHAPE, at, "expected `*` or an object with AWS, Service, Federated or CanonicalUser, found "
                    + Json.kind(p));
            return null;
        }
        List<String> aws = List.of(), svc = List.of(), fed = List.of(), canon = List.of();
        boolean anyone = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String where = at + Json.seg(f.getKey());
            if (!PRINCIPAL_KEYS.contains(f.getKey())) {
                problem(ProblemCode.UNKNOWN_ELEMENT, where, "unknown principal type `" + f.getKey()
                        + "`; expected AWS, Service, Federated or CanonicalUser");
                continue;
            }
            List<String> vals = names(f.getValue(), where, "a principal");
            switch (f.getKey()) {
                case "AWS" -> {
                    List<String> named = new ArrayList<>();
                    for (int i = 0; i < vals.size(); i++) {
                        String x = vals.get(i);
                        if (x.equals("*")) {
                            anyone = true;
                        } else if (x.matches("\\d{12}") || x.startsWith("arn:") || x.matches("A[A-Z0-9]{15,}")) {
                            named.add(x);
                        } else {
                            problem(ProblemCode.INVALID_VALUE, where + (f.getValue().isArray() ? "/" + i : ""),
                                    "expected an account id, an ARN or `*`, found `" + x + "`");
                        }
                    }
                    aws = named;
                }
                case "Service" -> svc = vals;
                case "Federated" -> fed = vals;
                default -> canon = vals;
            }
        }
        return new PrincipalSpec(anyone, aws, svc, fed, canon);
    }

    private List<Condition> conditions(JsonNode c, String at, boolean variables) {
        if (c == null) {
            return List.of();
        }
        if (!c.isObject()) {
            problem(ProblemCode.WRONG_SHAPE, at, "expected an object of condition operators, found " + Json.kind(c));
            return List.of();
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            String opText = op.getKey();
            String where = at + Json.seg(opText);
            String rest = opText;
            Condition.SetQualifier q = Condition.SetQualifier.NONE;
            String lower = rest.toLowerCase(Locale.ROOT);
            if (lower.startsWith("forallvalues:")) {
                q = Condition.SetQualifier.FOR_ALL_VALUES;
                rest = rest.substring("forallvalues:".length());
            } else if (lower.startsWith("foranyvalue:")) {
                q = Condition.SetQualifier.FOR_ANY_VALUE;
                rest = rest.substring("foranyvalue:".length());
            }
            boolean ifExists = false;
            if (rest.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
                ifExists = true;
                rest = rest.substring(0, rest.length() - "ifexists".length());
            }
            Operator operator = Operator.byName(rest);
            if (operator == null || (ifExists && operator == Operator.NULL)) {
                problem(ProblemCode.UNKNOWN_OPERATOR, at, "unknown operator `" + opText + "`");
                continue;
            }
            if (!op.getValue().isObject()) {
                problem(ProblemCode.WRONG_SHAPE, where, "expected an object of condition keys, found " + Json.kind(op.getValue()));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ks = op.getValue().fields(); ks.hasNext(); ) {
                Map.Entry<String, JsonNode> kv = ks.next();
                String kwhere = where + Json.seg(kv.getKey());
                if (kv.getKey().isBlank()) {
                    problem(ProblemCode.WRONG_SHAPE, kwhere, "empty condition key");
                    continue;
                }
                List<String> values = strings(kv.getValue(), kwhere, "a condition value");
                if (kv.getValue().isArray() && kv.getValue().isEmpty()) {
                    problem(ProblemCode.WRONG_SHAPE, kwhere, "expected at least one condition value, found an empty list");
                    continue;
                }
                Condition cond = new Condition(opText, operator, q, ifExists, kv.getKey(), values, variables);
                for (int i = 0; i < values.size(); i++) {
                    String msg = cond.checkValue(values.get(i));
                    if (msg != null) {
                        problem(ProblemCode.INVALID_VALUE, kwhere + (kv.getValue().isArray() ? "/" + i : ""), msg);
                    }
                }
                out.add(cond);
            }
        }
        return out;
    }

    /** A string, number or boolean, or a list of them, as strings. */
    /** Strings that name things (actions, resources, principals): at least one, and each a string. */
    private List<String> names(JsonNode n, String at, String expected) {
        if (n.isArray() && n.isEmpty()) {
            problem(ProblemCode.WRONG_SHAPE, at, "expected " + expected + " or a list of them, found an empty list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                if (n.get(i).isTextual()) {
                    out.add(n.get(i).asText());
                } else {
                    problem(ProblemCode.WRONG_SHAPE, at + "/" + i, "expected " + expected + ", found " + Json.kind(n.get(i)));
                }
            }
        } else if (n.isTextual()) {
            out.add(n.asText());
        } else {
            problem(ProblemCode.WRONG_SHAPE, at, "expected " + expected + " or a list of them, found " + Json.kind(n));
        }
        return out;
    }

    private List<String> strings(JsonNode n, String at, String expected) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode x = n.get(i);
                if (x.isValueNode() && !x.isNull()) {
                    out.add(x.asText());
                } else {
                    problem(ProblemCode.WRONG_SHAPE, at + "/" + i, "expected " + expected + ", found " + Json.kind(x));
                }
            }
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        } else {
            problem(ProblemCode.WRONG_SHAPE, at, "expected " + expected + " or a list of them, found " + Json.kind(n));
        }
        return out;
    }
}
