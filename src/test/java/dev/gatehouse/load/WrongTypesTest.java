package dev.gatehouse.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.org.Facts;
import dev.gatehouse.policy.Json;
import dev.gatehouse.api.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A wrong type in every element of a GAAD export and of the policies in it: each element of a small,
 * complete export (users, groups, roles, managed policies with versions, inline policies, a trust policy,
 * a boundary, tags, every statement element and a condition) is replaced in turn by a number, an object,
 * an array and null. Each time the loader reports a problem at that element or its parent, names the file,
 * throws nothing, and the other account still loads.
 */
class WrongTypesTest {
    static final String GAAD = """
            {"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::222222222222:user/u","GroupList":["g"],
               "AttachedManagedPolicies":[{"PolicyName":"M","PolicyArn":"arn:aws:iam::222222222222:policy/M"}],
               "UserPolicyList":[{"PolicyName":"inl","PolicyDocument":{"Version":"2012-10-17","Statement":[
                 {"Sid":"S","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"],
                  "Condition":{"StringEquals":{"aws:PrincipalTag/team":["a"]}}}]}}],
               "PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"arn:aws:iam::222222222222:policy/M"},
               "Tags":[{"Key":"team","Value":"a"}]}],
             "GroupDetailList":[{"GroupName":"g","Arn":"arn:aws:iam::222222222222:group/g","GroupPolicyList":[],
               "AttachedManagedPolicies":[{"PolicyName":"M","PolicyArn":"arn:aws:iam::222222222222:policy/M"}]}],
             "RoleDetailList":[{"RoleName":"r","Arn":"arn:aws:iam::222222222222:role/r",
               "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},
                 "Action":"sts:AssumeRole"}]},
               "RolePolicyList":[],"AttachedManagedPolicies":[],"InstanceProfileList":[],"Tags":[]}],
             "Policies":[{"PolicyName":"M","Arn":"arn:aws:iam::222222222222:policy/M","DefaultVersionId":"v2",
               "PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":false,"Document":{"Version":"2012-10-17",
                 "Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::x"}]}},
                 {"VersionId":"v2","IsDefaultVersion":true,"Document":{"Version":"2012-10-17",
                 "Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}}]}]}""";

    static Stream<Arguments> elements() {
        JsonNode root = Json.parse(GAAD, "gaad");
        List<String> pointers = new ArrayList<>();
        collect(root, "", pointers);
        List<Arguments> out = new ArrayList<>();
        JsonNodeFactory f = JsonNodeFactory.instance;
        for (String p : pointers) {
            for (JsonNode wrong : List.of(f.numberNode(5), f.objectNode(), f.arrayNode(), f.nullNode())) {
                JsonNode at = root.at(p);
                if (at.getNodeType() == wrong.getNodeType()) {
                    continue;
                }
                out.add(Arguments.of(p, wrong.toString()));
            }
        }
        return out.stream();
    }

    private static void collect(JsonNode n, String at, List<String> out) {
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(k -> collect(n.get(k), at + Json.seg(k), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                collect(n.get(i), at + "/" + i, out);
            }
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("elements")
    void aWrongTypeAnywhereIsReportedThereAndTheRestLoads(String pointer, String wrong, @TempDir Path dir) throws Exception {
        BadInputCorpusTest.base(dir);
        ObjectNode root = (ObjectNode) Json.parse(GAAD, "gaad");
        JsonPointer jp = JsonPointer.compile(pointer);
        JsonNode parent = root.at(jp.head());
        JsonNode value = Json.parse(wrong, "wrong");
        if (parent instanceof ObjectNode o) {
            o.set(jp.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(jp.last().getMatchingIndex(), value);
        }
        Path file = dir.resolve("accounts/222222222222/iam.json");
        Files.writeString(file, root.toString());
        Facts f = FactsLoader.load(dir);
        assertNotNull(f.principals().get(BadInputCorpusTest.ALICE), "the other account still loads");
        List<String> problems = f.problems().stream().map(Problem::toString).toList();
        for (String p : problems) {
            assertFalse(p.contains("\n") || p.contains("Exception"), p);
        }
        // Tags, the boundary type and non-default versions' flags are informational: a wrong type there may be
        // ignored; everything else must be reported at the element or one of its parents
        // numbers and booleans are valid condition values (AWS compares them as strings)
        boolean informational = (pointer.contains("/Condition/") && wrong.equals("5")) || pointer.contains("/Tags") || pointer.endsWith("/PermissionsBoundaryType")
                || pointer.endsWith("/PolicyName") || pointer.endsWith("/DefaultVersionId") || pointer.endsWith("/VersionId")
                || pointer.endsWith("/InstanceProfileList") || pointer.equals("/Policies/0/PolicyVersionList/0/IsDefaultVersion");
        if (!informational) {
            String at = pointer;
            boolean reported = false;
            while (!at.isEmpty() && !reported) {
                String prefix = file + ": " + at;
                reported = problems.stream().anyMatch(p -> p.startsWith(prefix + ":") || p.startsWith(prefix + "/"));
                at = at.substring(0, at.lastIndexOf('/'));
            }
            assertTrue(reported, pointer + " = " + wrong + ": expected a problem at it or a parent, found " + problems);
        }
    }
}
