package dev.gatehouse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.RequestCase;
import dev.gatehouse.policy.Json;
import dev.gatehouse.tools.gen.CaseGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memo of decisions is memoization and nothing else: an evaluator that remembers gives, for every request, the
 * decision (verdict, reasons, notes) of one that decides everything; a request alike in every input to one decided is
 * not decided again; a policy of the same id and name whose statements changed is a new input, never the old decision.
 */
class DecisionMemoTest {
    private static final int CASES = 300;
    private static List<ObjectNode> cases;
    private static final Evaluator FRESH = new Evaluator(RuleBase.shipped());

    @BeforeAll
    static void setUp() {
        CaseGenerator g = new CaseGenerator(20261203L);
        cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(g.next("m" + i));
        }
    }

    private static List<Request> requests(List<ObjectNode> cs) {
        ArrayNode arr = Json.mapper().createArrayNode();
        cs.forEach(arr::add);
        List<Request> out = new ArrayList<>();
        for (RequestCase c : new CaseReader("generated").read(arr.toString())) {
            assertTrue(c.ok(), () -> "generated case does not load: " + c.problems());
            out.add(c.request());
        }
        return out;
    }

    @Test
    void aRememberingEvaluatorGivesEveryDecisionOfOneThatDecidesEverything() {
        DecisionMemo memo = new DecisionMemo(RuleBase.shipped());
        Evaluator remembering = new Evaluator(RuleBase.shipped(), memo);
        List<Request> first = requests(cases);
        assertEquals(FRESH.evaluate(first), remembering.evaluate(first));
        long kept = memo.size();
        assertTrue(kept > CASES / 2 && kept <= CASES, "distinct requests kept: " + kept);

        // the same cases read again (other objects, other request ids) are all found, and named for the new requests
        List<Request> again = requests(cases.stream().map(c -> (ObjectNode) c.deepCopy().put("name", "again-" + c.get("name").asText())).toList());
        List<Decision> found = remembering.evaluate(again);
        assertEquals(kept, memo.size(), "nothing decided a second time");
        assertEquals(FRESH.evaluate(again), found);
        assertTrue(found.get(0).name().startsWith("again-"), found.get(0).name());
    }

    @Test
    void aPolicyWhoseStatementsChangedUnderTheSameNameIsDecidedAgain() {
        DecisionMemo memo = new DecisionMemo(RuleBase.shipped());
        Evaluator remembering = new Evaluator(RuleBase.shipped(), memo);
        List<ObjectNode> withIdentity = cases.stream().filter(c -> c.has("identityPolicies") && !c.get("identityPolicies").isEmpty()).toList();
        assertTrue(withIdentity.size() > CASES / 3, "cases with an identity policy: " + withIdentity.size());
        remembering.evaluate(requests(withIdentity));
        long kept = memo.size();

        // the first identity policy of each case, same name, now also denies the action
        List<ObjectNode> denied = new ArrayList<>();
        for (ObjectNode c : withIdentity) {
            ObjectNode d = c.deepCopy();
            JsonNode policy = d.get("identityPolicies").get(0).get("policy");
            ArrayNode statements = policy.get("Statement").isArray() ? (ArrayNode) policy.get("Statement")
                    : ((ObjectNode) policy).putArray("Statement").add(policy.get("Statement"));
            statements.add(Json.mapper().createObjectNode().put("Sid", "NowDenied").put("Effect", "Deny")
                    .put("Action", c.get("action").asText()).put("Resource", "*"));
            denied.add(d);
        }
        List<Decision> after = remembering.evaluate(requests(denied));
        assertEquals(FRESH.evaluate(requests(denied)), after);
        for (Decision d : after) {
            assertEquals(Verdict.EXPLICITLY_DENIED, d.verdict(), d.name());
            assertTrue(d.deniedBy().stream().anyMatch(s -> "NowDenied".equals(s.sid())), d.name() + ": " + d.deniedBy());
        }
        assertEquals(kept + withIdentity.size(), memo.size(), "each changed request decided, none taken from before");
    }

    @Test
    void theSamePolicyAtAnotherGateIsAnotherRequest() {
        // a statement as identity policy allows; the same document as permissions boundary alone does not
        String allow = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        String asIdentity = "{\"name\":\"g\",\"principal\":\"arn:aws:iam::111111111111:user/u\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"arn:aws:s3:::b/k\",\"resourceAccount\":\"111111111111\",\"identityPolicies\":[{\"name\":\"p\",\"policy\":" + allow + "}]}";
        ObjectNode identity = (ObjectNode) Json.parse(asIdentity, "t");
        ObjectNode boundary = identity.deepCopy();
        boundary.remove("identityPolicies");
        boundary.putArray("identityPolicies");
        boundary.set("permissionBoundary", Json.parse(allow, "t"));
        Evaluator remembering = new Evaluator(RuleBase.shipped(), new DecisionMemo(RuleBase.shipped()));
        List<Decision> ds = remembering.evaluate(requests(List.of(identity, boundary)));
        assertEquals(FRESH.evaluate(requests(List.of(identity, boundary))), ds);
        assertNotEquals(ds.get(0).verdict(), ds.get(1).verdict(), ds.toString());
    }

    @Test
    void theDecisionsOfOneRuleBaseAreNotAnothers() {
        RuleBase other = RuleBase.build(RuleBase.readShipped());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(other, new DecisionMemo(RuleBase.shipped())));
        assertTrue(e.getMessage().contains("another rule base"), e.getMessage());
    }
}
