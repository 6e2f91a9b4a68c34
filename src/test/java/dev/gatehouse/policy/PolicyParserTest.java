package dev.gatehouse.policy;

import dev.gatehouse.api.InputException;

import dev.gatehouse.api.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    private static PolicyParser.Result parse(String json, PolicyKind kind) {
        return PolicyParser.parse(Json.parse(json, "t.json"), kind, "p", "P", "t.json", "");
    }

    private static List<String> problems(String json, PolicyKind kind) {
        return parse(json, kind).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void anUnknownOperatorIsReportedWithFileAndPointer() {
        List<String> ps = problems("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
                 {"Effect":"Allow","Action":"s3:*","Resource":"*"},
                 {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"a"}}}]}
                """, PolicyKind.IDENTITY);
        assertEquals(List.of("t.json: /Statement/2/Condition: unknown operator `StringEqualz`"), ps);
    }

    @Test
    void grammarErrorsAreErrors() {
        assertEquals(List.of("t.json: /Statement/0: missing `Effect`; expected `Allow` or `Deny`"),
                problems("{\"Statement\":[{\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", PolicyKind.IDENTITY));
        assertEquals(List.of("t.json: /Statement: both `Action` and `NotAction`; expected one of them"),
                problems("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"x:y\",\"Resource\":\"*\"}}",
                        PolicyKind.IDENTITY));
        assertEquals(List.of("t.json: /Statement/0/Principal: `Principal` is not allowed in a identity policy"),
                problems("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                        PolicyKind.IDENTITY));
        assertEquals(List.of("t.json: /Statement/0: missing `Principal`; a resource-based policy must name who it applies to"),
                problems("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", PolicyKind.RESOURCE));
        assertEquals(List.of("t.json: /Statement/0/Bogus: unknown statement element `Bogus`"),
                problems("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Bogus\":1}]}",
                        PolicyKind.IDENTITY));
        assertEquals(List.of("t.json: /Statement/0/Action/1: expected an action such as `s3:GetObject` or `*`, found `GetObject`"),
                problems("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Put*\",\"GetObject\"],\"Resource\":\"*\"}]}",
                        PolicyKind.IDENTITY));
        assertEquals(List.of("t.json: /Statement/0/Condition/NumericLessThan/s3:max-keys: expected a number for `NumericLessThan`, found `ten`"),
                problems("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}}]}", PolicyKind.IDENTITY));
    }

    @Test
    void aPolicyWithProblemsIsNotUsable() {
        PolicyParser.Result r = parse("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                PolicyKind.IDENTITY);
        assertNull(r.policy());
        assertEquals(1, r.problems().size());
    }

    @Test
    void policiesArriveAsObjectsOrStringsUrlEncodedOrNot() {
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"X\",\"Effect\":\"Allow\",\"Action\":\"S3:Get*\",\"Resource\":\"*\"}}";
        String plain = Json.mapper().createArrayNode().add(doc).get(0).toString();
        String encoded = Json.mapper().createArrayNode().add(java.net.URLEncoder.encode(doc, java.nio.charset.StandardCharsets.UTF_8)).get(0).toString();
        for (String form : List.of(doc, plain, encoded)) {
            Policy p = parse(form, PolicyKind.IDENTITY).orThrow();
            assertEquals(1, p.statements().size());
            assertEquals("X", p.statements().get(0).sid());
            assertEquals(List.of("s3:get*"), p.statements().get(0).actions());
        }
    }

    @Test
    void everyOperatorFamilyWithQualifiersParses() {
        Policy p = parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{
                  "ForAllValues:StringLikeIfExists":{"aws:TagKeys":["a*"]},
                  "ForAnyValue:StringEquals":{"aws:TagKeys":"b"},
                  "NumericGreaterThanEquals":{"s3:max-keys":10},
                  "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},
                  "Bool":{"aws:SecureTransport":false},
                  "BinaryEquals":{"k":"QUJD"},
                  "NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]},
                  "ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"},
                  "Null":{"aws:MultiFactorAuthAge":true}}}}
                """, PolicyKind.IDENTITY).orThrow();
        List<Condition> cs = p.statements().get(0).conditions();
        assertEquals(9, cs.size());
        assertEquals(Condition.SetQualifier.FOR_ALL_VALUES, cs.get(0).qualifier());
        assertTrue(cs.get(0).ifExists());
        assertEquals(Operator.STRING_LIKE, cs.get(0).operator());
        assertEquals(List.of("10"), cs.get(2).values());
        assertEquals(List.of("false"), cs.get(4).values());
    }

    @Test
    void duplicateKeysAndDeepNestingAreRejected() {
        InputException dup = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> Json.parse("{\"Statement\":[],\"Statement\":[]}", "d.json"));
        assertTrue(dup.getMessage().startsWith("d.json: invalid JSON at line 1"), dup.getMessage());
        assertTrue(dup.getMessage().contains("duplicate field `Statement`"), dup.getMessage());
        String deep = "[".repeat(200) + "]".repeat(200);
        InputException nest = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> Json.parse(deep, "n.json"));
        assertTrue(nest.getMessage().equals("n.json: JSON nested deeper than 64 levels"), nest.getMessage());
    }
}
