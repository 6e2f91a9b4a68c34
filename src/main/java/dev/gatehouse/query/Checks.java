package dev.gatehouse.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.api.ReportRow;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Glob;
import dev.gatehouse.policy.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code gatehouse check}: assertions about access, as data (JSON or YAML), checked against the report's lines, the
 * escalation answers and the built-in findings of an organization. Each rule holds or fails with its violations,
 * each violation with its proof (the statements that grant the access, the path).
 *
 * <pre>
 * rules:
 *   - id: prod-data-stays-inside
 *     kind: no-outside-access        # nothing outside the zone of trust (the organization, else the account) may …
 *     resources: "arn:aws:s3:::prod-*"
 *     access: [read]                 # … read (default: read, write, permissions)
 *   - id: approved-admins
 *     kind: only-administrators      # only these (globs) are or can become administrator
 *     principals: ["arn:aws:iam::*:role/OrganizationAccountAccessRole"]
 *   - id: dev-stays-out-of-prod
 *     kind: no-assume-across         # no principal of one account may assume a role of another
 *     from-account: "222222222222"
 *     to-account: "111111111111"
 *   - id: deploy-role
 *     kind: assumable-only-by        # who may assume the role, directly or through other roles (globs)
 *     role: arn:aws:iam::111111111111:role/DeployRole
 *     principals: ["arn:aws:iam::222222222222:role/CiRole"]
 * </pre>
 */
public final class Checks {
    /** One rule of the file: its id, kind, what it says in words, and where it is ({@code file}, JSON pointer). */
    public record Rule(String id, String kind, String description, JsonNode spec, String file, String pointer) {
    }

    /** A rule's outcome: its violations (none when it holds). */
    public record Outcome(Rule rule, List<Violation> violations) {
        public boolean holds() {
            return violations.isEmpty();
        }
    }

    /** What breaks a rule: the resource and principal, what it can do, the proof, and where the facts define it. */
    public record Violation(String resource, String principal, String what, List<String> proof, Finding.Location location) {
    }

    static final Set<String> KINDS = Set.of("no-outside-access", "only-administrators", "no-assume-across", "assumable-only-by");

    private Checks() {
    }

    /** The rules of a file; every problem of it is thrown at once, located by file and JSON pointer. */
    public static List<Rule> read(Path file) {
        String f = file.toString();
        JsonNode root;
        try {
            String text = Files.readString(file);
            ObjectMapper m = f.endsWith(".yaml") || f.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : Json.mapper();
            root = m.readTree(text);
        } catch (IOException e) {
            throw new InputException(new Problem(ProblemCode.NOT_JSON, f, "", "cannot read the rules: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? Json.describe(j) : e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        JsonNode rules = root == null ? null : root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new InputException(new Problem(ProblemCode.WRONG_SHAPE, f, "/rules", "expected a list of rules, found "
                    + (rules == null ? "nothing" : Json.kind(rules)) + "; e.g. {\"rules\": [{\"id\": …, \"kind\": \"no-outside-access\", …}]}"));
        }
        List<Rule> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode r = rules.get(i);
            String at = "/rules/" + i;
            String id = r.path("id").asText("");
            String kind = r.path("kind").asText("");
            if (id.isEmpty()) {
                problems.add(new Problem(ProblemCode.WRONG_SHAPE, f, at + "/id", "expected the rule's id, found nothing"));
            } else if (!ids.add(id)) {
                problems.add(new Problem(ProblemCode.DUPLICATE, f, at + "/id", "the id `" + id + "` is given twice"));
            }
            if (!KINDS.contains(kind)) {
                problems.add(new Problem(ProblemCode.INVALID_VALUE, f, at + "/kind", "expected one of " + String.join(", ", new java.util.TreeSet<>(KINDS))
                        + ", found `" + kind + "`"));
                continue;
            }
            List<String> needs = switch (kind) {
                case "no-outside-access" -> List.of("resources");
                case "only-administrators" -> List.of("principals");
                case "no-assume-across" -> List.of("from-account", "to-account");
                default -> List.of("role", "principals");
            };
            for (String n : needs) {
                if (!r.has(n)) {
                    problems.add(new Problem(ProblemCode.WRONG_SHAPE, f, at + "/" + n, "a rule of kind " + kind + " needs `" + n + "`"));
                }
            }
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!needs.contains(k) && !Set.of("id", "kind", "description", "access").contains(k)) {
                    problems.add(new Problem(ProblemCode.UNKNOWN_ELEMENT, f, at + "/" + k, "a rule of kind " + kind + " has no `" + k + "`"));
                }
            }
            for (String a : strings(r.get("access"), List.of())) {
                if (!List.of("read", "write", "permissions").contains(a)) {
                    problems.add(new Problem(ProblemCode.INVALID_VALUE, f, at + "/access", "expected read, write or permissions, found `" + a + "`"));
                }
            }
            out.add(new Rule(id, kind, r.path("description").asText(""), r, f, at));
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return out;
    }

    public static List<Outcome> check(List<Rule> rules, List<ReportRow> rows, List<EscalationAnswer> answers, List<Finding> findings,
                                      java.util.function.Function<String, Finding.Location> where) {
        List<Outcome> out = new ArrayList<>();
        for (Rule r : rules) {
            List<Violation> v = new ArrayList<>();
            switch (r.kind()) {
                case "no-outside-access" -> {
                    List<String> access = strings(r.spec().get("access"), List.of("read", "write", "permissions"));
                    // the findings say who is outside (public access, access from outside the zone of trust); the report's
                    // direct lines of those principals on those resources say which access they have
                    Set<String> seen = new java.util.HashSet<>();
                    for (Finding f : findings) {
                        boolean outside = f.type().code().equals("GHF001") || f.type().code().equals("GHF002");
                        if (!outside || !anyMatch(strings(r.spec().get("resources"), List.of()), f.subject())) {
                            continue;
                        }
                        for (ReportRow row : rows) {
                            if (row.resource().equals(f.subject()) && row.principal().equals(f.principal()) && row.via().isEmpty()
                                    && access.contains(row.access()) && seen.add(row.resource() + " " + row.principal() + " " + row.access())) {
                                v.add(new Violation(row.resource(), row.principal(), row.access() + " (" + row.decision().word() + "; "
                                        + f.type().title().toLowerCase(java.util.Locale.ROOT) + ")", row.grants(), f.location()));
                            }
                        }
                    }
                }
                case "only-administrators" -> {
                    List<String> allowed = strings(r.spec().get("principals"), List.of());
                    for (EscalationAnswer a : answers) {
                        if ((a.admin() || a.canEscalate()) && !anyMatch(allowed, a.principal())) {
                            v.add(new Violation(a.principal(), a.principal(), a.admin() ? "is administrator" : "can become administrator",
                                    a.admin() ? a.adminProof() : a.paths().stream().map(p -> "path: " + String.join(" → ",
                                            p.stream().map(s -> s.to() + " (" + s.edge() + ")").toList())).toList(), where.apply(a.principal())));
                        }
                    }
                }
                case "no-assume-across" -> {
                    String from = r.spec().path("from-account").asText();
                    String to = r.spec().path("to-account").asText();
                    for (ReportRow row : rows) {
                        if (row.access().equals("assume") && to.equals(account(row.resource())) && from.equals(account(row.principal()))) {
                            v.add(new Violation(row.resource(), row.principal(), "can assume it" + (row.via().isEmpty() ? "" : " through "
                                    + String.join(" → ", row.via())) + " (" + row.decision().word() + ")", row.grants(), where.apply(row.resource())));
                        }
                    }
                }
                default -> {
                    String role = r.spec().path("role").asText();
                    List<String> allowed = strings(r.spec().get("principals"), List.of());
                    for (ReportRow row : rows) {
                        if (row.access().equals("assume") && row.resource().equals(role) && !anyMatch(allowed, row.principal())) {
                            v.add(new Violation(row.resource(), row.principal(), "can assume it" + (row.via().isEmpty() ? "" : " through "
                                    + String.join(" → ", row.via())) + " (" + row.decision().word() + ")", row.grants(), where.apply(row.resource())));
                        }
                    }
                }
            }
            out.add(new Outcome(r, v));
        }
        return out;
    }

    private static String account(String arn) {
        return Arn.parse(arn).map(Arn::account).orElse(null);
    }

    private static boolean anyMatch(List<String> globs, String value) {
        return value != null && globs.stream().anyMatch(g -> Glob.match(g, value));
    }

    private static List<String> strings(JsonNode n, List<String> otherwise) {
        if (n == null) {
            return otherwise;
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }
}
