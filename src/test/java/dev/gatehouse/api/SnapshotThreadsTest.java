package dev.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Questions asked of one snapshot from several threads at once get the answers one thread gets. */
class SnapshotThreadsTest {
    static final Options AT = Options.defaults().at(Instant.parse("2026-11-28T10:00:00Z"));

    static List<Supplier<Object>> questions(OrgSnapshot org) {
        List<Supplier<Object>> q = new ArrayList<>();
        for (String r : List.of("arn:aws:s3:::acme-prod-data/reports/q3.csv", "arn:aws:s3:::acme-dev-public/index.html",
                "arn:aws:s3:::acme-dev-shared/feed.csv")) {
            q.add(() -> org.whoCan(r, List.of("s3:GetObject", "s3:PutObject")));
            q.add(() -> org.whoCan(r, List.of("s3:GetObject"), Reach.DIRECT));
        }
        for (String role : List.of("arn:aws:iam::111111111111:role/DeployRole", "arn:aws:iam::333333333333:role/BreakGlassRole",
                "arn:aws:iam::222222222222:role/LambdaAdminRole")) {
            q.add(() -> org.whoCanAssume(role));
        }
        q.add(() -> org.canReach("arn:aws:iam::222222222222:user/dave", "arn:aws:iam::111111111111:role/DeployRole"));
        q.add(() -> org.whatCan("arn:aws:iam::111111111111:role/analytics/DataScientist", "s3", null));
        q.add(() -> org.escalations(ProgressListener.NONE));
        q.add(() -> org.report(ProgressListener.NONE));
        return q;
    }

    @Test
    void manyThreadsOneSnapshotSameAnswers() throws Exception {
        List<Object> expected = new ArrayList<>();
        questions(Gatehouse.load(Path.of("facts"), AT)).forEach(s -> expected.add(s.get()));
        OrgSnapshot shared = Gatehouse.load(Path.of("facts"), AT);
        List<Supplier<Object>> qs = questions(shared);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Object>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                runs.add(pool.submit(() -> {
                    // each thread asks every question, in an order of its own
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < qs.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(seed));
                    Object[] got = new Object[qs.size()];
                    for (int i : order) {
                        got[i] = qs.get(i).get();
                    }
                    return List.of(got);
                }));
            }
            for (Future<List<Object>> f : runs) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
