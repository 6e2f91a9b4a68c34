package dev.gatehouse.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.AssumePath;
import dev.gatehouse.api.Gatehouse;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import dev.gatehouse.tools.gen.GraphShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role reachability on the graph shapes that made it cubic (issue "Nothing lost, nothing explodes", item 6):
 * every role trusting its account and allowed sts:AssumeRole on * (each role reaches each: the rules kept
 * every justification of each of the n² Reaches, n³ in all, and ran out of memory at 200 roles), a long
 * trust chain and a ring of accounts. The answers are the ones the shape implies: in a complete graph or a
 * ring every other role, never the role itself; along a chain every role before it, by its shortest path.
 */
class ReachabilityShapesTest {
    @TempDir
    Path dir;

    private static final String A = "111111111111";

    /** The facts of a shape (tools.gen.GraphShapes), loaded. */
    private OrgSnapshot shape(String shape, int n) throws Exception {
        Path facts = dir.resolve(shape);
        GraphShapes.write(shape, n, facts);
        return Gatehouse.load(facts, Options.defaults());
    }

    private static Set<String> principals(List<AssumePath> paths) {
        Set<String> out = new TreeSet<>();
        paths.forEach(p -> out.add(p.principal()));
        return out;
    }

    @Test
    void everyRoleOfACompleteGraphReachesEveryOtherInOneStep() throws Exception {
        int n = 300;
        OrgSnapshot org = shape("complete", n);
        for (int goal : new int[] {0, n - 1}) {
            List<AssumePath> paths = org.whoCanAssume("arn:aws:iam::" + A + ":role/r" + goal);
            Set<String> who = principals(paths);
            assertEquals(n - 1, who.size(), "every other role: " + who.size());
            assertFalse(who.contains("arn:aws:iam::" + A + ":role/r" + goal), "a role does not reach itself");
            assertTrue(paths.stream().allMatch(p -> p.path().size() == 2), "each in one assumption");
        }
    }

    @Test
    void alongAChainEachRoleIsReachedByEveryRoleBeforeIt() throws Exception {
        int n = 400;
        IntFunction<String> arn = i -> "arn:aws:iam::" + A + ":role/r" + i;
        OrgSnapshot org = shape("chain", n);
        List<AssumePath> last = org.whoCanAssume(arn.apply(n - 1));
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < n - 1; i++) {
            expected.add(arn.apply(i));
        }
        assertEquals(expected, principals(last));
        AssumePath first = last.stream().filter(p -> p.principal().equals(arn.apply(0))).findFirst().orElseThrow();
        assertEquals(n, first.path().size(), "the first role reaches the last through every role between");
        assertEquals(arn.apply(1), first.path().get(1));
        assertEquals(Set.of(), principals(org.whoCanAssume(arn.apply(0))), "nothing comes before the first");
    }

    @Test
    void theReportStoresEachPathOnceAlongALongChain() throws Exception {
        int n = 300;
        IntFunction<String> arn = i -> "arn:aws:iam::" + A + ":role/r" + i;
        OrgSnapshot org = shape("chain", n);
        List<dev.gatehouse.api.ReportRow> rows = org.report(dev.gatehouse.api.ProgressListener.NONE).stream()
                .filter(r -> r.access().equals("assume")).toList();
        assertEquals(n * (n - 1) / 2, rows.size(), "each role is assumable by every role before it: one row each");
        assertTrue(rows.stream().allMatch(r -> r.via().size() <= 1), "a row names only the first role it assumes");
        // following the rows from r0 toward the last role walks the whole chain, one hop a row
        java.util.Map<String, dev.gatehouse.api.ReportRow> intoLast = new java.util.HashMap<>();
        rows.stream().filter(r -> r.resource().equals(arn.apply(n - 1))).forEach(r -> intoLast.put(r.principal(), r));
        List<String> walked = new ArrayList<>(List.of(arn.apply(0)));
        String at = arn.apply(0);
        while (!intoLast.get(at).via().isEmpty()) {
            at = intoLast.get(at).via().get(0);
            walked.add(at);
        }
        assertEquals(n - 1, walked.size(), "r0, r1, …, r" + (n - 2) + " and then the last role itself: " + walked.size());
        assertEquals(arn.apply(n - 2), walked.get(walked.size() - 1));
    }

    @Test
    void aRingOfAccountsIsOneComponent() throws Exception {
        int n = 300;
        IntFunction<String> acct = i -> String.format("%012d", 100000000000L + ((i % n) + n) % n);
        OrgSnapshot org = shape("ring", n);
        List<AssumePath> paths = org.whoCanAssume("arn:aws:iam::" + acct.apply(0) + ":role/hop");
        assertEquals(n - 1, paths.size(), "every other account's role");
        AssumePath farthest = paths.stream().filter(p -> p.principal().equals("arn:aws:iam::" + acct.apply(1) + ":role/hop"))
                .findFirst().orElseThrow();
        assertEquals(n, farthest.path().size(), "the next account's role goes the whole way round");
    }

    @Test
    void theRulesSessionOfASnapshotGoesWithIt() throws Exception {
        org.kie.api.KieBase base = dev.gatehouse.engine.RuleBase.shipped().assumeBase();
        System.gc();
        int before = base.getKieSessions().size();
        for (int i = 0; i < 3; i++) {
            shape("complete", 20).whoCanAssume("arn:aws:iam::" + A + ":role/r0");
        }
        // the rule base keeps every session until it is disposed: a snapshot no longer used must not keep its own
        long until = System.nanoTime() + 20_000_000_000L;
        while (base.getKieSessions().size() > before && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(base.getKieSessions().size() <= before, "the sessions of snapshots no longer referenced: "
                + base.getKieSessions().size() + " of them, " + before + " before");
    }
}
