package dev.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchingPrimitivesTest {
    @Test
    void globMatchesStarAndQuestionMarkOnly() {
        assertTrue(Glob.match("s3:get*", "s3:getobject"));
        assertTrue(Glob.match("a*b*c", "axxbyyc"));
        assertFalse(Glob.match("a*b*c", "axxbyy"));
        assertTrue(Glob.match("?", "x"));
        assertFalse(Glob.match("?", ""));
        assertTrue(Glob.match("*", ""));
        assertFalse(Glob.match("a.c", "abc"));
        assertTrue(Glob.match("a" + Variables.LITERAL_STAR + "b", "a*b"));
        assertFalse(Glob.match("a" + Variables.LITERAL_STAR + "b", "axb"));
    }

    @Test
    void arnPartsMatchSeparately() {
        assertTrue(Arn.matchesPattern("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y:z"));
        assertTrue(Arn.matchesPattern("arn:aws:dynamodb:*:1:table/*", "arn:aws:dynamodb:us-east-1:1:table/T"));
        assertFalse(Arn.matchesPattern("arn:aws:dynamodb:*:1:table/*", "arn:aws:dynamodb:us-east-1:2:table/T"));
        assertFalse(Arn.matchesPattern("arn:aws:s3:::B/*", "arn:aws:s3:::b/x"));
        assertEquals("role", Arn.parse("arn:aws:iam::1:role/a/b").orElseThrow().resourceType());
        assertEquals("b", Arn.parse("arn:aws:iam::1:role/a/b").orElseThrow().resourceName());
    }

    private static Condition cond(String op, String key, String... values) {
        return PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{\"" + op + "\":{\"" + key + "\":" + Json.mapper().valueToTree(List.of(values))
                + "}}}}", "t"), PolicyKind.IDENTITY, "p", "p", "t", "").orThrow().statements().get(0).conditions().get(0);
    }

    @Test
    void unknownKeysMakeConditionsUnknownInAnOpenQuestion() {
        RequestContext open = RequestContext.open(Map.of("aws:username", List.of("alice")), Set.of());
        assertEquals(Tri.UNKNOWN, cond("IpAddress", "aws:SourceIp", "10.0.0.0/8").evaluate(open));
        assertEquals(Tri.TRUE, cond("StringEquals", "aws:username", "alice").evaluate(open));
        assertEquals(Tri.UNKNOWN, cond("StringEquals", "s3:prefix", "home/${aws:username}/").evaluate(open));
        assertEquals(Tri.UNKNOWN, cond("Null", "aws:SourceIp", "true").evaluate(open));
        RequestContext closed = RequestContext.closed(Map.of());
        assertEquals(Tri.FALSE, cond("IpAddress", "aws:SourceIp", "10.0.0.0/8").evaluate(closed));
        assertEquals(Tri.TRUE, cond("NotIpAddress", "aws:SourceIp", "10.0.0.0/8").evaluate(closed));
        assertEquals(Tri.TRUE, cond("Null", "aws:SourceIp", "true").evaluate(closed));
    }

    @Test
    void ipv6AndIpv4BlocksCompareWithinTheirFamily() {
        RequestContext v6 = RequestContext.closed(Map.of("aws:SourceIp", List.of("2001:db8::1")));
        assertEquals(Tri.TRUE, cond("IpAddress", "aws:SourceIp", "2001:db8::/32").evaluate(v6));
        assertEquals(Tri.FALSE, cond("IpAddress", "aws:SourceIp", "0.0.0.0/0").evaluate(v6));
        assertEquals(Tri.TRUE, cond("NotIpAddress", "aws:SourceIp", "0.0.0.0/0").evaluate(v6));
    }
}
