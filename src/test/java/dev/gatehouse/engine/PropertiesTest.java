package dev.gatehouse.engine;

import dev.gatehouse.api.Decision;
import dev.gatehouse.api.StatementRef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.tools.gen.CaseGenerator;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.RequestCase;
import dev.gatehouse.policy.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the decision that must hold for any input, checked on seeded random cases
 * (CaseGenerator): a matching Deny never yields Allow; removing an Allow statement never adds access
 * and removing a Deny never removes it; the order of statements, policies and facts never changes an
 * answer or its reasons.
 */
class PropertiesTest {
    private static final int CASES = 400;
    private static Evaluator ev;
    private static List<ObjectNode> cases;

    @BeforeAll
    static void setUp() {
        ev = new Evaluator(RuleBase.shipped());
        CaseGenerator g = new CaseGenerator(20261128L);
        cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(g.next("p" + i));
        }
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case ALLOWED -> 2;
            case CONDITIONAL -> 1;
            default -> 0;
        };
    }

    private static List<Decision> decide(List<ObjectNode> cs) {
        ArrayNode arr = Json.mapper().createArrayNode();
        cs.forEach(arr::add);
        List<RequestCase> read = new CaseReader("generated").read(arr.toString());
        List<Request> reqs = new ArrayList<>();
        for (RequestCase c : read) {
            assertTrue(c.ok(), () -> "generated case does not load: " + c.problems());
            reqs.add(c.request());
        }
        return ev.evaluate(reqs);
    }

    private static ObjectNode copy(ObjectNode c) {
        return c.deepCopy();
    }

    @Test
    void aMatchingDenyNeverYieldsAllow() {
        List<ObjectNode> denied = new ArrayList<>();
        for (ObjectNode c : cases) {
            ObjectNode d = copy(c);
            ObjectNode deny = Json.mapper().createObjectNode();
            deny.put("Sid", "AddedDeny");
            deny.put("Effect", "Deny");
            deny.put("Action", c.get("action").asText());
            deny.put("Resource", "*");
            if (d.has("identityPolicies")) {
                ObjectNode p = ((ArrayNode) d.get("identityPolicies")).addObject();
                p.put("name", "added");
                p.set("policy", Json.mapper().createObjectNode().put("Version", "2012-10-17").set("Statement",
                        Json.mapper().createArrayNode().add(deny)));
            } else {
                deny.put("Principal", "*");
                ObjectNode rp = d.has("resourcePolicy") ? (ObjectNode) d.get("resourcePolicy")
                        : (ObjectNode) d.set("resourcePolicy", Json.mapper().createObjectNode().put("Version", "2012-10-17")
                        .set("Statement", Json.mapper().createArrayNode())).get("resourcePolicy");
                ((ArrayNode) rp.get("Statement")).add(deny);
            }
            denied.add(d);
        }
        List<Decision> ds = decide(denied);
        for (Decision d : ds) {
            assertEquals(Verdict.EXPLICITLY_DENIED, d.verdict(), d.name());
            assertTrue(d.deniedBy().stream().anyMatch(s -> "AddedDeny".equals(s.sid())), d.name() + ": " + d.deniedBy());
        }
    }

    @Test
    void removingAnAllowNeverAddsAccessAndRemovingADenyNeverRemovesIt() {
        Random rnd = new Random(7);
        List<Decision> before = decide(cases);
        List<ObjectNode> changed = new ArrayList<>();
        List<String> effects = new ArrayList<>();
        for (ObjectNode c : cases) {
            ObjectNode d = copy(c);
            List<ArrayNode> statementLists = statementLists(d);
            String effect = "none";
            if (!statementLists.isEmpty()) {
                ArrayNode st = statementLists.get(rnd.nextInt(statementLists.size()));
                if (!st.isEmpty()) {
                    int i = rnd.nextInt(st.size());
                    effect = st.get(i).get("Effect").asText();
                    st.remove(i);
                }
            }
            effects.add(effect);
            changed.add(d);
        }
        List<Decision> after = decide(changed);
        int checked = 0;
        for (int i = 0; i < cases.size(); i++) {
            int b = rank(before.get(i).verdict());
            int a = rank(after.get(i).verdict());
            if (effects.get(i).equals("Allow")) {
                assertTrue(a <= b, before.get(i).name() + ": removing an Allow went from " + before.get(i).verdict()
                        + " to " + after.get(i).verdict());
                checked++;
            } else if (effects.get(i).equals("Deny")) {
                assertTrue(a >= b, before.get(i).name() + ": removing a Deny went from " + before.get(i).verdict()
                        + " to " + after.get(i).verdict());
                checked++;
            }
        }
        assertTrue(checked > CASES / 2, "removed a statement in " + checked + " cases");
    }

    @Test
    void addingAnIdentityAllowNeverRemovesAccess() {
        List<ObjectNode> more = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            ObjectNode c = cases.get(i);
            if (!c.has("identityPolicies")) {
                continue;
            }
            ObjectNode d = copy(c);
            ObjectNode p = ((ArrayNode) d.get("identityPolicies")).addObject();
            p.put("name", "added");
            p.set("policy", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AddedAllow\","
                    + "\"Effect\":\"Allow\",\"Action\":\"" + c.get("action").asText() + "\",\"Resource\":\"*\"}]}", "t"));
            more.add(d);
            idx.add(i);
        }
        List<Decision> before = decide(cases);
        List<Decision> after = decide(more);
        assertTrue(more.size() > CASES / 3, "cases with an identity gate: " + more.size());
        for (int k = 0; k < more.size(); k++) {
            Decision b = before.get(idx.get(k));
            Decision a = after.get(k);
            assertTrue(rank(a.verdict()) >= rank(b.verdict()), b.name() + ": adding an Allow went from " + b.verdict()
                    + " to " + a.verdict());
        }
    }

    @Test
    void permutingStatementsAndPoliciesNeverChangesAnAnswer() {
        Random rnd = new Random(11);
        List<ObjectNode> named = new ArrayList<>();
        List<ObjectNode> shuffled = new ArrayList<>();
        for (ObjectNode c : cases) {
            ObjectNode d = copy(c);
            for (ArrayNode st : statementLists(d)) {
                for (int i = 0; i < st.size(); i++) {
                    ((ObjectNode) st.get(i)).put("Sid", "S" + i);
                }
            }
            named.add(d);
            ObjectNode s = copy(d);
            for (ArrayNode st : statementLists(s)) {
                shuffle(st, rnd);
            }
            if (s.has("identityPolicies")) {
                shuffle((ArrayNode) s.get("identityPolicies"), rnd);
            }
            for (String k : List.of("scps", "rcps")) {
                if (s.has(k)) {
                    for (JsonNode lvl : s.get(k)) {
                        shuffle(lvl.isArray() ? (ArrayNode) lvl : (ArrayNode) lvl.get("policies"), rnd);
                    }
                }
            }
            shuffled.add(s);
        }
        List<Decision> a = decide(named);
        List<Decision> b = decide(shuffled);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).verdict(), b.get(i).verdict(), a.get(i).name());
            assertEquals(bySid(a.get(i).allowedBy()), bySid(b.get(i).allowedBy()), a.get(i).name());
            assertEquals(bySid(a.get(i).deniedBy()), bySid(b.get(i).deniedBy()), a.get(i).name());
            assertEquals(Corpus.gates(a.get(i).missing()), Corpus.gates(b.get(i).missing()), a.get(i).name());
        }
    }

    @Test
    void theOrderFactsAreInsertedInNeverChangesAnAnswer() {
        List<Decision> inOrder = decide(cases);
        List<ObjectNode> reversed = new ArrayList<>(cases);
        Collections.reverse(reversed);
        Map<String, Decision> byName = new HashMap<>();
        decide(reversed).forEach(d -> byName.put(d.name(), d));
        List<Decision> oneByOne = new ArrayList<>();
        for (ObjectNode c : cases.subList(0, 50)) {
            oneByOne.addAll(decide(List.of(c)));
        }
        for (int i = 0; i < inOrder.size(); i++) {
            Decision d = inOrder.get(i);
            assertEquals(d, byName.get(d.name()), d.name());
            if (i < oneByOne.size()) {
                assertEquals(d, oneByOne.get(i), d.name());
            }
        }
    }

    @Test
    void theGeneratedCasesReachEveryVerdict() {
        Map<Verdict, Integer> counts = new HashMap<>();
        decide(cases).forEach(d -> counts.merge(d.verdict(), 1, Integer::sum));
        for (Verdict v : Verdict.values()) {
            assertTrue(counts.getOrDefault(v, 0) > 0, "no generated case is " + v + ": " + counts);
        }
    }

    private static java.util.TreeSet<String> bySid(List<StatementRef> refs) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        refs.forEach(r -> out.add(r.gate() + "/" + r.level() + ":" + r.policy() + "#" + r.sid()));
        return out;
    }

    private static void shuffle(ArrayNode arr, Random rnd) {
        List<JsonNode> xs = new ArrayList<>();
        arr.forEach(xs::add);
        Collections.shuffle(xs, rnd);
        arr.removeAll();
        xs.forEach(arr::add);
    }

    /** Every Statement list of the case's policies (documents given directly or as {name, policy}). */
    private static List<ArrayNode> statementLists(ObjectNode c) {
        List<ArrayNode> out = new ArrayList<>();
        Consumer<JsonNode> doc = new Consumer<>() {
            @Override
            public void accept(JsonNode n) {
                if (n == null) {
                    return;
                }
                if (n.isArray()) {
                    n.forEach(this);
                } else if (n.has("policy") && !n.has("Statement")) {
                    accept(n.get("policy"));
                } else if (n.has("policies")) {
                    accept(n.get("policies"));
                } else if (n.has("Statement") && n.get("Statement").isArray()) {
                    out.add((ArrayNode) n.get("Statement"));
                }
            }
        };
        doc.accept(c.get("identityPolicies"));
        doc.accept(c.get("resourcePolicy"));
        doc.accept(c.get("permissionBoundary"));
        doc.accept(c.get("sessionPolicy"));
        doc.accept(c.get("scps"));
        doc.accept(c.get("rcps"));
        return out;
    }
}
