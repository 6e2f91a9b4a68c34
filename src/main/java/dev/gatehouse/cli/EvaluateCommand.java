package dev.gatehouse.cli;

import dev.gatehouse.api.ProblemCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Decision;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.api.GateRef;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.api.StatementRef;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.RequestCase;
import dev.gatehouse.api.InputException;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;
import dev.gatehouse.api.Problem;
import dev.gatehouse.report.DecisionJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Decide requests as AWS would, with the statements and gates that decided them.",
                "",
                "Batch:  gatehouse evaluate --cases CASES.json",
                "        one JSON line per request (the input format of ../shared/oracle/oracle.mjs).",
                "Ad hoc: gatehouse evaluate --principal ARN --action A --resource ARN [options] IDENTITY-POLICY...",
                "",
                "Exit codes: 0 allowed (or, with --cases, every case decided), 2 denied, 3 conditional,",
                "            1 usage or input error (with --cases: some case could not be decided)."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cases", paramLabel = "FILE", description = "request cases: an object, an array, "
            + "{\"defaults\":…,\"requests\":[…]} or JSON lines; - for standard input")
    String cases;

    @Option(names = "--principal", paramLabel = "ARN", description = "who asks: a user, role, role session, "
            + "federated user or root ARN, a service principal (s3.amazonaws.com) or anonymous")
    String principal;

    @Option(names = "--action", paramLabel = "ACTION", description = "the action, e.g. s3:GetObject")
    String action;

    @Option(names = "--resource", paramLabel = "ARN", description = "the resource ARN, or * for actions "
            + "without a resource type")
    String resource;

    @Option(names = "--resource-account", paramLabel = "ID", description = "the account that owns the resource "
            + "(default: the account in the resource ARN)")
    String resourceAccount;

    @Option(names = "--context", paramLabel = "KEY=VALUE", description = "a condition key of the request; "
            + "repeat a key for several values")
    List<String> context = new ArrayList<>();

    @Option(names = "--resource-policy", paramLabel = "FILE", description = "the resource's policy "
            + "(bucket policy, trust policy, key policy, …)")
    Path resourcePolicy;

    @Option(names = "--boundary", paramLabel = "FILE", description = "the permissions boundary")
    Path boundary;

    @Option(names = "--session-policy", paramLabel = "FILE", description = "a session policy")
    Path sessionPolicy;

    @Option(names = "--scp", paramLabel = "FILE[,FILE...]",
            description = "the SCPs of one org level; repeat per level, root first, account last")
    List<String> scps = new ArrayList<>();

    @Option(names = "--rcp", paramLabel = "FILE[,FILE...]",
            description = "the RCPs of one org level (RCPFullAWSAccess is added); repeat per level")
    List<String> rcps = new ArrayList<>();

    @Option(names = "--check", description = "with --cases: compare each case's decision and reasons with its `expect` "
            + "block and print the cases that differ and a summary, like a test runner (exit code 0 when all pass, 2 when "
            + "one fails, 1 when a case has no expect block)")
    boolean check;

    @Option(names = "--discovery", description = "treat condition keys the request does not give as unknown: "
            + "the answer may be Conditional")
    boolean discovery;

    @Option(names = "--format", paramLabel = "text|json", description = "output format of an ad-hoc "
            + "question (default: text); --cases always writes JSON lines")
    String format = "text";

    @Parameters(paramLabel = "IDENTITY-POLICY", description = "identity policy files of the caller")
    List<Path> identity = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (cases != null) {
            if (principal != null || action != null || resource != null || !identity.isEmpty()) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "", "give either --cases or an ad-hoc question, not both"));
            }
            return runCases(out);
        }
        if (check) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--check", "applies to --cases only: it compares "
                    + "each case with its expect block"));
        }
        if (principal == null || action == null || resource == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --cases FILE, or --principal, --action and --resource");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be text or json, found `" + format + "`");
        }
        return runAdHoc(out);
    }

    private int runCases(PrintWriter out) throws IOException {
        String text = cases.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : read(Path.of(cases));
        String source = cases.equals("-") ? "<stdin>" : cases;
        CaseOutput output = new CaseOutput(out);
        new CaseReader(source).read(text, output::add);
        output.flush();
        PrintWriter err = spec.commandLine().getErr();
        if (check) {
            out.println(output.cases + (output.cases == 1 ? " case: " : " cases: ") + output.passed + " passed, " + output.failed
                    + " failed" + (output.unexpected > 0 ? ", " + output.unexpected + " without an expect block" : ""));
            out.flush();
            return output.unexpected > 0 ? Main.ERROR : output.failed > 0 ? Main.DENIED : Main.ALLOWED;
        }
        if (output.expected > 0) {
            err.println("gatehouse: " + output.expected + " of " + output.cases + " cases carry an expect block; "
                    + "give --check to compare each decision with it");
            err.flush();
        }
        return output.anyError ? Main.ERROR : Main.ALLOWED;
    }

    /**
     * Decides the cases of a file a window at a time and prints each window's lines, in file order, before
     * reading on: the first answers come early and memory does not grow with the number of cases.
     */
    private final class CaseOutput {
        private static final int WINDOW = 1024;
        private final PrintWriter out;
        private final List<RequestCase> window = new ArrayList<>(WINDOW);
        private Evaluator evaluator; // once the first window is read: the rules build meanwhile (Main)
        boolean anyError;
        int cases;
        int expected;
        int passed;
        int failed;
        int unexpected;

        CaseOutput(PrintWriter out) {
            this.out = out;
        }

        void add(RequestCase c) {
            window.add(c);
            if (window.size() == WINDOW) {
                flush();
            }
        }

        void flush() {
            List<Request> requests = new ArrayList<>();
            for (RequestCase c : window) {
                if (c.ok()) {
                    requests.add(c.request());
                }
            }
            if (evaluator == null) {
                evaluator = new Evaluator(RuleBase.shipped());
            }
            List<Decision> decisions = evaluator.evaluate(requests);
            int k = 0;
            for (RequestCase c : window) {
                cases++;
                if (c.expect() != null) {
                    expected++;
                }
                if (check) {
                    Decision d = c.ok() ? decisions.get(k++) : null;
                    if (c.expect() == null) {
                        unexpected++;
                        out.println("NO EXPECT  " + c.name());
                        continue;
                    }
                    List<String> differences = dev.gatehouse.load.Expectation.differences(c, d);
                    if (differences.isEmpty()) {
                        passed++;
                    } else {
                        failed++;
                        out.println("FAIL  " + c.name());
                        differences.forEach(x -> out.println("      " + x));
                    }
                    continue;
                }
                ObjectNode line;
                if (c.ok()) {
                    line = DecisionJson.decision(decisions.get(k++));
                    c.warnings().forEach(p -> spec.commandLine().getErr().println("gatehouse: " + Main.line(p)));
                } else {
                    anyError = true;
                    line = DecisionJson.error(c.name(), c.problems());
                    c.problems().forEach(p -> spec.commandLine().getErr().println("gatehouse: " + Main.line(p)));
                }
                try {
                    out.println(Json.mapper().writeValueAsString(line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            out.flush();
            window.clear();
        }
    }

    private int runAdHoc(PrintWriter out) throws IOException {
        FactsOptions.actionOption("--action", action);
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("name", action + " on " + resource);
        c.put("principal", principal);
        c.put("action", action);
        c.put("resource", resource);
        if (resourceAccount != null) {
            c.put("resourceAccount", resourceAccount);
        }
        if (discovery) {
            c.put("mode", "Discovery");
        }
        ObjectNode ctx = c.putObject("context");
        for (String kv : context) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--context expects KEY=VALUE, found `" + kv + "`");
            }
            String key = kv.substring(0, eq);
            String value = kv.substring(eq + 1);
            FactsOptions.contextKeyOption(key);
            JsonNode prev = ctx.get(key);
            if (prev == null) {
                ctx.put(key, value);
            } else {
                ArrayNode arr = prev.isArray() ? (ArrayNode) prev : Json.mapper().createArrayNode().add(prev);
                arr.add(value);
                ctx.set(key, arr);
            }
        }
        List<Problem> problems = new ArrayList<>();
        ArrayNode ids = c.putArray("identityPolicies");
        for (Path p : identity) {
            ObjectNode named = ids.addObject();
            named.put("name", p.getFileName().toString());
            named.set("policy", policyFile(p, PolicyKind.IDENTITY, problems));
        }
        if (resourcePolicy != null) {
            c.set("resourcePolicy", named(resourcePolicy, policyFile(resourcePolicy, PolicyKind.RESOURCE, problems)));
        }
        if (boundary != null) {
            c.set("permissionBoundary", named(boundary, policyFile(boundary, PolicyKind.BOUNDARY, problems)));
        }
        if (sessionPolicy != null) {
            c.set("sessionPolicy", named(sessionPolicy, policyFile(sessionPolicy, PolicyKind.SESSION, problems)));
        }
        c.set("scps", levels(scps, PolicyKind.SCP, problems));
        c.set("rcps", levels(rcps, PolicyKind.RCP, problems));
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        RequestCase rc = new CaseReader("<command line>").read(Json.mapper().writeValueAsString(c)).get(0);
        if (!rc.ok()) {
            throw new InputException(rc.problems().stream().map(EvaluateCommand::asFlag).toList());
        }
        Decision d = new Evaluator(RuleBase.shipped()).evaluate(rc.request());
        List<String> nearMisses = dev.gatehouse.engine.NearMisses.of(rc.request(), d);
        if (format.equals("json")) {
            ObjectNode answer = DecisionJson.decision(d);
            if (d.verdict() == Verdict.IMPLICITLY_DENIED) {
                nearMisses.forEach(answer.withArray("nearMisses")::add);
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } else {
            out.print(explain(d, nearMisses));
        }
        out.flush();
        return switch (d.verdict()) {
            case ALLOWED -> Main.ALLOWED;
            case CONDITIONAL -> Main.CONDITIONAL;
            default -> Main.DENIED;
        };
    }

    /** A policy of a file, named by the file in the answer's reasons. */
    private static ObjectNode named(Path file, JsonNode policy) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("name", file.getFileName().toString());
        n.set("policy", policy);
        return n;
    }

    private String explain(Decision d, List<String> nearMisses) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.verdict().word()).append(": ").append(principal).append(" → ").append(action).append(" on ")
                .append(resource).append('\n');
        d.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
        if (!d.allowedBy().isEmpty()) {
            sb.append(d.verdict() == Verdict.CONDITIONAL ? "  could be allowed by:\n" : "  allowed by:\n");
            for (StatementRef s : d.allowedBy()) {
                sb.append("    ").append(s.describe()).append('\n');
            }
        }
        if (!d.deniedBy().isEmpty()) {
            sb.append(d.verdict() == Verdict.EXPLICITLY_DENIED ? "  denied by:\n" : "  could be denied by:\n");
            for (StatementRef s : d.deniedBy()) {
                sb.append("    ").append(s.describe()).append('\n');
            }
        }
        if (!d.missing().isEmpty()) {
            sb.append("  no matching Allow in:\n");
            for (GateRef g : d.missing()) {
                sb.append("    ").append(g.describe()).append('\n');
            }
            if (d.verdict() == Verdict.IMPLICITLY_DENIED) {
                // why not: the Allows at those gates that name the action, and what keeps each from this request
                sb.append("  nearest misses:\n");
                nearMisses.forEach(m -> sb.append("    ").append(m).append('\n'));
            }
        }
        if (!discovery) {
            sb.append("  (condition keys the request does not give are absent, as in a real request; who-can and the other "
                    + "organization questions leave them unknown, answering Conditional — --discovery does so here)\n");
        }
        return sb.toString();
    }

    private ArrayNode levels(List<String> lv, PolicyKind kind, List<Problem> problems) throws IOException {
        ArrayNode levels = Json.mapper().createArrayNode();
        for (String level : lv) {
            ArrayNode l = levels.addArray();
            for (String file : level.split(",")) {
                Path p = Path.of(file);
                ObjectNode named = l.addObject();
                named.put("name", p.getFileName().toString());
                named.set("policy", policyFile(p, kind, problems));
            }
        }
        return levels;
    }

    private JsonNode policyFile(Path p, PolicyKind kind, List<Problem> problems) throws IOException {
        String text = read(p);
        JsonNode doc;
        try {
            doc = Json.parse(text, p.toString());
        } catch (InputException e) {
            problems.addAll(e.problems());
            return Json.mapper().createObjectNode();
        }
        // what the AWS CLI prints around a policy, as the facts folder takes it: `aws s3api get-bucket-policy`,
        // `aws kms get-key-policy`, `aws lambda get-policy` ({"Policy": "…"}), `aws iam get-role-policy` ({"PolicyDocument": …}),
        // `aws iam get-policy-version` ({"PolicyVersion": {"Document": …}})
        String at = "";
        if (doc.isObject() && !doc.has("Statement")) {
            for (String[] wrap : new String[][] {{"Policy"}, {"PolicyDocument"}, {"PolicyVersion", "Document"}}) {
                JsonNode inner = doc;
                for (String k : wrap) {
                    inner = inner == null ? null : inner.get(k);
                }
                if (inner != null && !inner.isNull()) {
                    doc = inner;
                    at = "/" + String.join("/", wrap);
                    break;
                }
            }
        }
        PolicyParser.Result r = PolicyParser.parse(doc, kind, "check", p.getFileName().toString(), p.toString(), at);
        problems.addAll(r.problems());
        if (r.policy() != null) {
            // a warning: the question is still answered, the policy as written
            dev.gatehouse.policy.AwsNames.shipped().unknownNames(doc, p.toString(), at)
                    .forEach(w -> spec.commandLine().getErr().println("gatehouse: " + Main.line(w)));
        }
        return doc;
    }

    /** The case fields the ad-hoc question fills, by the flag that gives each. */
    private static final Map<String, String> FLAGS = Map.of("principal", "--principal", "action", "--action", "resource", "--resource",
            "resourceAccount", "--resource-account", "context", "--context", "mode", "--discovery", "resourcePolicy", "--resource-policy",
            "permissionBoundary", "--boundary", "sessionPolicy", "--session-policy");

    /** A problem of the case the ad-hoc question was written into, told in its flags: {@code --resource-account}, not {@code resourceAccount}. */
    static Problem asFlag(Problem p) {
        String pointer = p.pointer() == null ? "" : p.pointer();
        String field = pointer.startsWith("/") ? pointer.substring(1).split("/", 2)[0] : "";
        String option = FLAGS.get(field);
        String message = p.message();
        for (Map.Entry<String, String> f : FLAGS.entrySet()) {
            message = message.replace("`" + f.getKey() + "`", f.getValue());
        }
        if (option != null) {
            String rest = pointer.substring(1 + field.length());
            return new Problem(p.code(), "", option + (field.equals("context") && rest.length() > 1 ? " " + rest.substring(1) : ""), message);
        }
        return new Problem(p.code(), "", pointer.isEmpty() ? "" : pointer, message);
    }

    private static String read(Path p) {
        return dev.gatehouse.policy.TextFile.read(p);
    }

}
