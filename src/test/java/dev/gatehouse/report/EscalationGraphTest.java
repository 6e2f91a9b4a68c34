package dev.gatehouse.report;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.query.Escalations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The escalation graph's page without a browser: what it draws of a large account, and that it lists everyone. */
class EscalationGraphTest {
    static EscalationAnswer escalating(String who, int steps) {
        List<EscalationStep> path = new ArrayList<>();
        String at = who;
        for (int i = 0; i < steps; i++) {
            String next = i == steps - 1 ? "arn:aws:iam::111111111111:role/admin" : who + "-hop" + i;
            path.add(new EscalationStep(at, next, "sts:AssumeRole", List.of("sts:AssumeRole: Allowed by …"), List.of()));
            at = next;
        }
        return new EscalationAnswer(who, "user", false, false, List.of(), true, false, List.of(path));
    }

    @Test
    void aLargeAccountDrawsTheNearestPrincipalsAndListsThemAll() {
        List<EscalationAnswer> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            answers.add(escalating(String.format("arn:aws:iam::111111111111:user/u%03d", i), i < 100 ? 1 : 2));
        }
        String html = EscalationGraph.html("big", answers);
        assertTrue(html.contains("The picture shows the 250 of 400 escalating principals nearest to an administrator"));
        int boxes = html.split("<rect", -1).length - 1;
        // 250 drawn principals, the 150 hops of the two-step ones among them, and the administrator
        assertEquals(250 + 150 + 1, boxes);
        assertTrue(html.contains("u099") && html.contains("u399"), "the table lists every principal");
        int rows = html.split("<tr><td>", -1).length - 1;
        assertEquals(400, rows);
    }

    @Test
    void aSmallAccountIsDrawnWhole() {
        String html = EscalationGraph.html("small", List.of(escalating("arn:aws:iam::111111111111:user/a", 2)));
        assertTrue(!html.contains("The picture shows"));
        assertEquals(3, html.split("<rect", -1).length - 1);
        assertEquals(2, html.split("<line", -1).length - 1);
    }
}
