package dev.gatehouse.query;

import dev.gatehouse.api.Access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Decision;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.Request;
import dev.gatehouse.api.Verdict;
import dev.gatehouse.tools.gen.OrgGenerator;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.ActionCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * who-can and evaluate agree: a principal is listed by who-can (directly) for an action exactly when
 * deciding that principal's request alone allows it (or allows it under conditions). This checks what
 * who-can leaves out (principals it does not ask) and what it shares (one answer per class).
 */
class WhoCanAgreesWithEvaluateTest {
    @TempDir
    Path dir;

    @Test
    void onTheExampleAndOnASyntheticOrganization() throws Exception {
        check(FactsLoader.load(Path.of("facts")));
        new OrgGenerator(7, dev.gatehouse.SharedData.path("data/managed-policies.json.gz")).write(dir, 4, 120, 12, 8);
        check(FactsLoader.load(dir));
    }

    private static void check(Facts facts) {
        Questions q = new Questions(facts, RuleBase.shipped(), dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")));
        OrgRequests requests = new OrgRequests(facts, Map.of(), Map.of());
        Evaluator ev = new Evaluator(RuleBase.shipped());
        ActionCatalog catalog = ActionCatalog.shipped();
        int checked = 0;
        List<String> buckets = facts.resources().keySet().stream().filter(r -> r.startsWith("arn:aws:s3:::")).sorted().toList();
        assertTrue(!buckets.isEmpty());
        for (String bucket : buckets) {
            String target = bucket + "/*";
            List<String> actions = catalog.actionsOn(target, EnumSet.of(ActionCatalog.Access.READ, ActionCatalog.Access.WRITE));
            Map<String, TreeSet<String>> listed = new TreeMap<>();
            Map<String, Access> entries = new TreeMap<>();
            for (Access e : q.whoCan(target, actions, false)) {
                if (facts.principals().containsKey(e.principal())) {
                    listed.put(e.principal(), new TreeSet<>(e.actions()));
                    entries.put(e.principal(), e);
                }
            }
            List<Request> asks = new ArrayList<>();
            List<Principal> who = new ArrayList<>();
            for (Principal p : facts.principals().values()) {
                for (String a : actions) {
                    asks.add(requests.request(p, a, target));
                    who.add(p);
                }
            }
            List<Decision> ds = ev.evaluate(asks);
            Map<String, TreeSet<String>> allowed = new TreeMap<>();
            Map<String, Acc> each = new TreeMap<>();
            for (int i = 0; i < ds.size(); i++) {
                if (ds.get(i).verdict() == Verdict.ALLOWED || ds.get(i).verdict() == Verdict.CONDITIONAL) {
                    allowed.computeIfAbsent(who.get(i).arn(), k -> new TreeSet<>()).add(asks.get(i).action());
                    each.computeIfAbsent(who.get(i).arn(), k -> new Acc()).add(asks.get(i).action(), ds.get(i));
                }
            }
            assertEquals(allowed, listed, "who-can on " + target);
            // and with the same verdict, conditions and granting statements as deciding each action apart
            each.forEach((p, acc) -> {
                Access want = acc.entry(p, PrincipalTypes.of(facts.principals().get(p)), List.of(), List.of());
                Access got = entries.get(p);
                assertEquals(want.decision(), got.decision(), p + " on " + target);
                assertEquals(want.conditions(), got.conditions(), p + " on " + target);
                assertEquals(want.grants(), got.grants(), p + " on " + target);
            });
            checked += ds.size();
        }
        assertTrue(checked > 1000, "decided " + checked);
    }
}
