package dev.gatehouse.tools.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Decision;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.Callers;
import dev.gatehouse.load.RcpServices;
import dev.gatehouse.load.Requests;
import dev.gatehouse.load.RequestCase;
import dev.gatehouse.policy.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Differential testing: seeded random cases (CaseGenerator) decided by Gatehouse and by the independent
 * evaluator run as a separate program. Every disagreement is either one of the divergences the contract
 * names (semantics.md §7, and the ones AWS's documentation settles, as in known-divergences.json) or
 * unexplained — a bug to fix, reported with the whole case.
 */
public final class DiffTest {
    /** One disagreement: the case, both answers, and the named divergence that explains it (or null). */
    public record Disagreement(JsonNode kase, String gatehouse, String oracle, String divergence) {
    }

    /** The outcome of a run: how many cases, how many agreed, and the disagreements. */
    public record Result(int cases, int agreed, List<Disagreement> disagreements) {
        public List<Disagreement> unexplained() {
            return disagreements.stream().filter(d -> d.divergence() == null).toList();
        }

        public Map<String, Integer> byDivergence() {
            Map<String, Integer> out = new LinkedHashMap<>();
            disagreements.stream().filter(d -> d.divergence() != null).forEach(d -> out.merge(d.divergence(), 1, Integer::sum));
            return out;
        }
    }

    private DiffTest() {
    }

    /**
     * Generates {@code count} cases from {@code seed}, decides them with both engines in batches, and
     * compares. Both engines get the same context: the keys Gatehouse derives from the principal are
     * written into each case first, so the comparison is about evaluation, not derivation.
     */
    public static Result run(int count, long seed, Path oracle, int batch, IntConsumer progress)
            throws IOException, InterruptedException {
        CaseGenerator gen = new CaseGenerator(seed);
        Evaluator ev = new Evaluator(RuleBase.shipped());
        int agreed = 0;
        List<Disagreement> out = new ArrayList<>();
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            ArrayNode cases = Json.mapper().createArrayNode();
            for (int i = 0; i < n; i++) {
                ObjectNode c = gen.next("s" + seed + "-" + (start + i));
                deriveInto(c);
                cases.add(c);
            }
            Path file = Files.createTempFile("gatehouse-diff", ".json");
            Files.writeString(file, cases.toString());
            List<String> theirs = oracle(oracle, file);
            Files.deleteIfExists(file);
            List<RequestCase> read = new CaseReader("generated").read(cases.toString());
            List<Request> reqs = new ArrayList<>();
            read.stream().filter(RequestCase::ok).forEach(rc -> reqs.add(rc.request()));
            List<Decision> ds = ev.evaluate(reqs);
            int k = 0;
            for (int i = 0; i < n; i++) {
                String mine = read.get(i).ok() ? ds.get(k++).verdict().word() : "Error";
                JsonNode o = Json.parse(theirs.get(i), "oracle");
                String their = o.get("decision").asText();
                if (their.equals("Allowed") && o.has("ignoredConditions")) {
                    their = "Conditional";
                }
                if (mine.equals(their)) {
                    agreed++;
                } else {
                    out.add(new Disagreement(cases.get(i), mine, their, classify(cases.get(i), mine, their)));
                }
            }
            if (progress != null) {
                progress.accept(start + n);
            }
        }
        return new Result(count, agreed, out);
    }

    /** Writes the keys Gatehouse derives from the principal and resource into the case's context. */
    static void deriveInto(ObjectNode c) {
        ObjectNode ctx = c.has("context") ? (ObjectNode) c.get("context") : c.putObject("context");
        var caller = Callers.parse(c.get("principal").asText(), null);
        if (caller == null) {
            return;
        }
        Requests.principalKeys(caller).forEach((k, v) -> put(ctx, k, v.get(0)));
        Requests.resourceKeys(c.path("action").asText(null), c.path("resourceAccount").asText(null)).forEach((k, v) -> put(ctx, k, v.get(0)));
    }

    private static void put(ObjectNode ctx, String k, String v) {
        if (v != null && !ctx.has(k)) {
            ctx.put(k, v);
        }
    }

    /**
     * The named divergence that explains a disagreement, or null. Each rule looks for the feature of the
     * case the divergence is about; a disagreement without such a feature stays unexplained.
     */
    static String classify(JsonNode c, String mine, String theirs) {
        String principal = c.path("principal").asText();
        String action = c.path("action").asText().toLowerCase(Locale.ROOT);
        String service = action.substring(0, action.indexOf(':'));
        boolean scps = c.has("scps") && c.get("scps").size() > 0;
        boolean rcps = c.has("rcps") && c.get("rcps").size() > 0;
        String rp = c.has("resourcePolicy") ? c.get("resourcePolicy").toString() : "";
        boolean weAllow = mine.equals("Allowed") || mine.equals("Conditional");
        boolean theyDeny = theirs.equals("ImplicitlyDenied") || theirs.equals("ExplicitlyDenied");
        // the oracle applies a gate that does not apply: it denies where Gatehouse allows, or denies
        // explicitly (by that gate's Deny) where Gatehouse finds no grant
        boolean extraGate = (weAllow && theyDeny) || (mine.equals("ImplicitlyDenied") && theirs.equals("ExplicitlyDenied"));
        // only a case with a Condition somewhere: without one, Discovery mode has nothing to ignore
        if (c.path("mode").asText().equals("Discovery") && c.toString().contains("\"Condition\"")) {
            return "§5: the oracle's Discovery mode ignores every condition, Gatehouse only those on unknown keys";
        }
        if (principal.contains(":role/aws-service-role/") && scps && extraGate) {
            return "§7: the oracle applies SCPs to service-linked roles";
        }
        if (principal.endsWith(".amazonaws.com") && (scps || rcps) && extraGate) {
            return "§2/§3.7: SCPs and RCPs do not apply to service principals; the oracle applies them";
        }
        if (rcps && !RcpServices.supports(service) && extraGate) {
            return "§7: the oracle applies RCPs to services that do not support them";
        }
        if (principal.endsWith(":root") && weAllow && theirs.equals("ImplicitlyDenied")) {
            return "§7: the root user's implicit allow (own account) and own side (cross-account)";
        }
        if ((principal.contains(":assumed-role/") || principal.contains(":federated-user/")) && c.has("sessionPolicy")
                && weAllow && theirs.equals("ImplicitlyDenied")
                && (rp.contains(principal) || rp.contains("\"Principal\":\"*\"") || rp.contains("\"AWS\":\"*\""))) {
            return "§7/§3.3: a resource policy naming the session ARN or * skips the session policy";
        }
        if (service.equals("sts") && c.path("resource").asText().contains(":role/") && rp.isEmpty()) {
            return "§3.5: assuming a role needs its trust policy to allow; the oracle allows on the identity policy alone";
        }
        // asked as the role in Discovery mode, the caller is some session of it: a Principal naming one session
        // allows only if the session is so named (Gatehouse Conditional); the oracle takes the role for that session
        if (c.path("mode").asText().equals("Discovery") && principal.contains(":role/") && mine.equals("Conditional")
                && theirs.equals("Allowed") && rp.contains(":assumed-role/" + principal.substring(principal.lastIndexOf('/') + 1) + "/")) {
            return "§5: a role asked about in Discovery mode is some session of it; a Principal naming one session is Conditional on its name";
        }
        // a federated user session does not say which IAM user created it: a resource policy naming an IAM user of its
        // account makes the answer Conditional on that (Gatehouse); the oracle takes it as naming someone else
        if (principal.contains(":federated-user/") && !c.has("federatedBy") && mine.equals("Conditional")
                && rp.contains(":iam::" + principal.split(":")[4] + ":user/")) {
            return "§3.3: a federated user session may have been created by the IAM user a resource policy names: Conditional on it";
        }
        if (rp.contains("NotPrincipal")) {
            return "NotPrincipal: AWS checks the account, then the user or role and session (AWS NotPrincipal page)";
        }
        if (c.toString().contains("ArnNotLike")) {
            return "§7: ArnNotLike on a value that is not an ARN";
        }
        return null;
    }

    private static List<String> oracle(Path oracle, Path cases) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(oracle.toString(), cases.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("the oracle exited with code " + p.exitValue());
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
