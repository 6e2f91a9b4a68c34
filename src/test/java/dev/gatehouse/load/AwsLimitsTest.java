package dev.gatehouse.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Problem;
import dev.gatehouse.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input past AWS's own sizes is refused with a located error, never cut short and never left to cost what
 * AWS's requests cannot (issue "Nothing lost, nothing explodes", item 7): an ARN over 2,048 characters, a
 * request value over 8,192, a condition key with more than 1,000 values. One thousand StringLike patterns
 * against a million context values took 101 s; a million values is now an error at the pointer that holds them.
 */
class AwsLimitsTest {
    private static final String CASE = "{\"name\": \"c\", \"principal\": \"%s\", \"action\": \"s3:GetObject\", \"resource\": "
            + "\"arn:aws:s3:::b/k\", \"resourceAccount\": \"111111111111\", \"context\": %s, \"identityPolicies\": [{\"Version\": "
            + "\"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": "
            + "{\"StringLike\": {\"aws:PrincipalTag/team\": [\"a*\", \"b*\"]}}}]}]}";

    private static List<String> problems(String principal, String context) {
        List<String> out = new ArrayList<>();
        for (RequestCase c : new CaseReader("limits.json").read(String.format(CASE, principal, context))) {
            c.problems().stream().map(Problem::toString).forEach(out::add);
        }
        return out;
    }

    private static String values(int n, int length) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append("v").append("x".repeat(Math.max(0, length - 1 - String.valueOf(i).length())))
                    .append(i).append('"');
        }
        return sb.append("]").toString();
    }

    @Test
    void aPrincipalArnLongerThanAwsTakesIsRefusedWhereItIs() {
        String arn = "arn:aws:iam::111111111111:user/" + "u".repeat(2100);
        List<String> p = problems(arn, "{}");
        assertEquals(List.of("limits.json: /principal: an ARN of " + arn.length() + " characters (`arn:aws:iam::111111111111:user/uuuuuuuuu…`); "
                + "AWS's ARNs are at most 2,048 characters"), p);
        assertTrue(problems("arn:aws:iam::111111111111:user/" + "u".repeat(64), "{}").isEmpty(), "a name of AWS's longest is fine");
    }

    @Test
    void aConditionKeyWithMoreValuesThanARequestCarriesIsRefused() {
        List<String> p = problems("arn:aws:iam::111111111111:user/alice", "{\"aws:PrincipalTag/team\": " + values(1_000_001, 1) + "}");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("limits.json: /context/aws:PrincipalTag~1team: 1000001 values; a request's condition key holds at most 1,000"),
                p.get(0));
        assertTrue(problems("arn:aws:iam::111111111111:user/alice", "{\"aws:PrincipalTag/team\": " + values(1_000, 1) + "}").isEmpty(),
                "a thousand are still read");
    }

    @Test
    void aValueLongerThanARequestCarriesIsRefused() {
        List<String> p = problems("arn:aws:iam::111111111111:user/alice", "{\"aws:PrincipalTag/team\": " + values(3, 9000) + "}");
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(1).startsWith("limits.json: /context/aws:PrincipalTag~1team/1: a value of 9000 characters (`vxxxxxxxx"), p.get(1));
        assertTrue(p.get(1).endsWith("…`); a request carries at most 8,192 (AWS limits a request's headers to 8 KB)"), p.get(1));
    }

    @Test
    void theCommandLineRefusesAnOverlongArnBeforeReadingAnyFile() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run(new String[] {"who-can", "--facts", "no-such-folder", "--resource", "arn:aws:s3:::" + "b".repeat(3000),
                    "--action", "s3:GetObject"});
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String said = e.toString(StandardCharsets.UTF_8);
        assertEquals(Main.ERROR, code);
        assertTrue(said.contains("--resource: an ARN of 3013 characters (`arn:aws:s3:::bbbbbbbbbbbbbbbbbbbbbbbbbbb…`); AWS's ARNs are at most "
                + "2,048 characters"), said);
        assertFalse(said.contains("no-such-folder"), "refused before the facts are read: " + said);
        assertFalse(said.contains("b".repeat(100)), "the ARN is named, not printed whole");
    }
}
