package dev.gatehouse.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.EscalationStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every escalation path documented by pathfinding.cloud ({@code ../shared/data/scenarios/pathfinding-cloud-paths.json},
 * Apache-2.0, Datadog): for each, a minimal account is generated here from the path's own data — an attacker holding
 * exactly its required permissions (on every resource) and the prerequisites it names (the administrator role the
 * service must trust, the administrator user or group, the role the attacker may assume and change, the managed
 * policy attached to the target) — and the attacker must escalate by a path that uses only those permissions.
 * Conditional exactly where the path needs what an export cannot show (a service resource already running as the
 * role; a user's existing console password). Two variants must not escalate: {@code iam:PassRole} limited to a role
 * without permissions (at most Conditional on a resource already running as the administrator role, where the other
 * permissions are themselves such a path), and the target without the administrator's permissions.
 */
class PathfindingPathsTest {
    static final String ACCOUNT = "123456789012";
    static final String A = "arn:aws:iam::" + ACCOUNT + ":";
    static final String ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The service principal a role must trust for the service to run as it, by the service the path runs code in
     * (IAM User Guide, "AWS services that work with IAM"; ECS tasks and App Runner instances have principals of their own).
     */
    static final Map<String, String> SERVICE_PRINCIPAL = Map.ofEntries(
            Map.entry("apprunner", "tasks.apprunner.amazonaws.com"),
            Map.entry("bedrock-agentcore", "bedrock-agentcore.amazonaws.com"),
            Map.entry("cloudformation", "cloudformation.amazonaws.com"),
            Map.entry("codebuild", "codebuild.amazonaws.com"),
            Map.entry("datapipeline", "datapipeline.amazonaws.com"),
            Map.entry("ec2", "ec2.amazonaws.com"),
            Map.entry("ec2-instance-connect", "ec2.amazonaws.com"),
            Map.entry("ssm", "ec2.amazonaws.com"),
            Map.entry("ecs", "ecs-tasks.amazonaws.com"),
            Map.entry("glue", "glue.amazonaws.com"),
            Map.entry("lambda", "lambda.amazonaws.com"),
            Map.entry("sagemaker", "sagemaker.amazonaws.com"));

    static List<JsonNode> paths() throws IOException {
        JsonNode all = JSON.readTree(dev.gatehouse.SharedData.path("data/scenarios/pathfinding-cloud-paths.json").toFile());
        List<JsonNode> out = new ArrayList<>();
        all.get("paths").forEach(out::add);
        return out;
    }

    /** Each path as (its id and name, the path), so a failure is named by the path. */
    static Stream<Arguments> named(Stream<JsonNode> paths) {
        return paths.map(p -> Arguments.of(p.get("id").asText() + " " + p.get("name").asText(), p));
    }

    static Stream<Arguments> everyPath() throws IOException {
        return named(paths().stream());
    }

    static Stream<Arguments> passRolePaths() throws IOException {
        return named(paths().stream().filter(p -> required(p).contains("iam:PassRole")));
    }

    static Stream<Arguments> pathsToAnAdministratorThatExists() throws IOException {
        return named(paths().stream().filter(p -> new Lab(p).targetIsAdministrator()));
    }

    static Set<String> required(JsonNode path) {
        Set<String> s = new LinkedHashSet<>();
        path.get("requiredPermissions").forEach(r -> s.add(r.get("permission").asText()));
        return s;
    }

    static String prerequisites(JsonNode path) {
        JsonNode p = path.path("prerequisites");
        StringBuilder b = new StringBuilder();
        (p.isObject() ? p.path("admin") : p).forEach(t -> b.append(t.asText()).append(' '));
        return b.toString();
    }

    @Test
    void theFileHoldsTheSixtyFiveDocumentedPaths() throws IOException {
        List<JsonNode> all = paths();
        assertEquals(65, all.size());
        assertEquals(65, all.stream().map(p -> p.get("id").asText()).distinct().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPath")
    void everyDocumentedPathEscalatesByItsOwnPermissions(String name, JsonNode path, @TempDir Path dir) throws IOException {
        Lab lab = new Lab(path);
        EscalationAnswer a = lab.analyze(dir);
        String id = path.get("id").asText();
        assertTrue(a.canEscalate(), id + " (" + path.get("name").asText() + ") does not escalate: " + a);
        List<EscalationStep> shortest = a.paths().get(0);
        Set<String> used = new LinkedHashSet<>();
        for (EscalationStep step : shortest) {
            used.addAll(actionsOf(step.edge()));
            assertFalse(step.proof().isEmpty(), id + ": the step " + step.edge() + " carries no proof");
        }
        assertFalse(used.isEmpty(), id + ": no action named in " + shortest);
        assertTrue(required(path).containsAll(used), id + ": the path " + shortest + " uses " + used
                + ", not only the path's permissions " + required(path));
        assertEquals(lab.needsWhatAnExportCannotShow(), a.conditional(), id + ": " + shortest);
        if (a.conditional()) {
            assertTrue(shortest.stream().anyMatch(s -> !s.conditions().isEmpty()), id + ": Conditional without the condition: " + shortest);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passRolePaths")
    void passingOnlyARoleWithoutPermissionsDoesNotEscalate(String name, JsonNode path, @TempDir Path dir) throws IOException {
        Lab lab = new Lab(path);
        lab.passOnly = A + "role/powerless";
        EscalationAnswer a = lab.analyze(dir);
        String id = path.get("id").asText();
        // the other permissions may themselves be a documented path that takes over a resource already running as the
        // administrator role (codebuild-001's StartBuild is codebuild-002): that is Conditional on such a resource, never certain
        assertTrue(!a.canEscalate() || a.conditional(), id + ": " + a.paths());
        for (List<EscalationStep> p : a.paths()) {
            assertTrue(p.stream().noneMatch(s -> s.edge().contains("iam:PassRole")), id + ": passes a role it may not pass: " + p);
            assertTrue(p.stream().anyMatch(s -> s.conditions().stream().anyMatch(c -> c.contains(" runs as the role"))), id + ": " + p);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsToAnAdministratorThatExists")
    void theSamePathToATargetWithoutTheAdministratorsPermissionsDoesNotEscalate(String name, JsonNode path, @TempDir Path dir) throws IOException {
        Lab lab = new Lab(path);
        lab.targetAdministrator = false;
        EscalationAnswer a = lab.analyze(dir);
        assertFalse(a.canEscalate(), path.get("id").asText() + ": " + a.paths());
    }

    static final Pattern ACTION = Pattern.compile("\\b([a-z0-9-]+:[A-Z][A-Za-z0-9]*)");

    /** The actions an edge name holds ("iam:PassRole+ec2:RunInstances", "sts:AssumeRole, then iam:PutRolePolicy", "iam:X on arn:…"). */
    static Set<String> actionsOf(String edge) {
        Set<String> s = new LinkedHashSet<>();
        Matcher m = ACTION.matcher(edge.replaceAll(" on arn:\\S+", ""));
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    /** The account one path needs, written as a GAAD export. */
    static final class Lab {
        final JsonNode path;
        final Set<String> perms;
        final boolean passes;
        final String service;
        /** When set, the attacker's iam:PassRole is limited to this role (which holds nothing). */
        String passOnly;
        /** Whether the target the path reaches holds the administrator's permissions. */
        boolean targetAdministrator = true;

        final ArrayNode users = JSON.createArrayNode();
        final ArrayNode groups = JSON.createArrayNode();
        final ArrayNode roles = JSON.createArrayNode();
        final ArrayNode policies = JSON.createArrayNode();

        Lab(JsonNode path) {
            this.path = path;
            this.perms = required(path);
            this.passes = perms.contains("iam:PassRole");
            String svc = null;
            for (JsonNode s : path.get("services")) {
                if (!s.asText().equals("iam") && !s.asText().equals("sts") && SERVICE_PRINCIPAL.containsKey(s.asText())) {
                    svc = svc == null || svc.equals("ec2") ? s.asText() : svc;
                }
            }
            this.service = svc == null ? null : SERVICE_PRINCIPAL.get(svc);
            Matcher named = Pattern.compile("trusts? (?:the )?`?([a-z0-9.-]+\\.amazonaws\\.com)").matcher(prerequisites(path));
            if (service != null && named.find()) {
                assertEquals(named.group(1), service, path.get("id").asText() + ": the path names the service principal");
            }
        }

        boolean has(String action) {
            return perms.contains(action);
        }

        boolean attackerIsRole() {
            return prerequisites(path).contains("Principal must be a role");
        }

        /** The role, user or group the path reaches already holds the administrator's permissions (not one the attacker changes). */
        boolean targetIsAdministrator() {
            if (service != null) {
                return true;
            }
            boolean changes = perms.stream().anyMatch(p -> p.matches("iam:(Attach|Put)(User|Role|Group)Policy|iam:CreatePolicyVersion"));
            return !changes && !has("iam:UpdateAssumeRolePolicy") || has("iam:UpdateAssumeRolePolicy") && perms.size() == 1;
        }

        /** A service resource already running as the role, or a user's existing console password: neither is in an export. */
        boolean needsWhatAnExportCannotShow() {
            return service != null && !passes || has("iam:UpdateLoginProfile");
        }

        EscalationAnswer analyze(Path dir) throws IOException {
            String attacker = build();
            ObjectNode gaad = JSON.createObjectNode();
            gaad.set("UserDetailList", users);
            gaad.set("GroupDetailList", groups);
            gaad.set("RoleDetailList", roles);
            gaad.set("Policies", policies);
            Path a = dir.resolve("accounts/" + ACCOUNT);
            Files.createDirectories(a);
            Files.writeString(a.resolve("iam.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(gaad));
            Map<String, EscalationAnswer> answers = EscalationTest.analyze(dir);
            EscalationAnswer mine = answers.get(attacker);
            assertNotNull(mine, "no answer for " + attacker + " among " + answers.keySet());
            assertFalse(mine.admin(), "the attacker is administrator before it escalates");
            return mine;
        }

        /** Writes the account and returns the attacker's ARN. */
        String build() {
            ArrayNode statements = JSON.createArrayNode();
            List<String> others = perms.stream().filter(p -> !p.equals("iam:PassRole")).toList();
            if (!others.isEmpty()) {
                statements.add(allow(others, "*"));
            }
            if (passes) {
                statements.add(allow(List.of("iam:PassRole"), passOnly == null ? "*" : passOnly));
            }
            if (service != null) {
                roles.add(role("target", trust("Service", service), targetAdministrator));
                if (passOnly != null) {
                    roles.add(role("powerless", trust("Service", service), false));
                }
            }
            boolean grantsThroughAManagedPolicy = has("iam:CreatePolicyVersion");
            String attacker = attackerIsRole() ? A + "role/attacker" : A + "user/attacker";
            if (has("sts:AssumeRole") || has("iam:UpdateAssumeRolePolicy")) {
                // the role the attacker assumes: trusting it unless the attacker rewrites the trust
                boolean trusted = has("sts:AssumeRole");
                ObjectNode r = role("target", trusted ? trust("AWS", attacker) : trust("AWS", "arn:aws:iam::999988887777:root"),
                        targetIsAdministrator() && targetAdministrator);
                if (grantsThroughAManagedPolicy) {
                    attach(r, customerPolicy("target-policy", doc(JSON.createArrayNode().add(allow(List.of("s3:ListAllMyBuckets"), "*")))));
                }
                roles.add(r);
            } else if (has("iam:CreateAccessKey") || has("iam:CreateLoginProfile") || has("iam:UpdateLoginProfile")) {
                users.add(user("target", doc(JSON.createArrayNode().add(allow(List.of("s3:ListAllMyBuckets"), "*"))),
                        targetIsAdministrator() && targetAdministrator));
            }
            if (has("iam:AddUserToGroup")) {
                ObjectNode g = group("admins");
                if (targetAdministrator) {
                    attach(g, awsAdministratorAccess());
                }
                groups.add(g);
            }
            if (has("iam:AttachUserPolicy") || has("iam:AttachRolePolicy") || has("iam:AttachGroupPolicy")) {
                awsAdministratorAccess(); // "a managed policy with elevated privileges must exist in the account"
            }
            ObjectNode self;
            if (attackerIsRole()) {
                self = role("attacker", trust("AWS", "arn:aws:iam::999988887777:root"), false);
                roles.add(self);
            } else {
                self = user("attacker", null, false);
                users.add(self);
            }
            if (grantsThroughAManagedPolicy && !has("sts:AssumeRole") && !has("iam:UpdateAssumeRolePolicy")) {
                attach(self, customerPolicy("attacker-policy", doc(statements))); // iam-001: the policy attached to the actor
            } else {
                inline(self, attackerIsRole() ? "RolePolicyList" : "UserPolicyList", doc(statements));
            }
            if (has("iam:AttachGroupPolicy") || has("iam:PutGroupPolicy")) {
                ObjectNode g = group("team");
                groups.add(g);
                ((ArrayNode) self.get("GroupList")).add("team");
            }
            return attacker;
        }

        static ObjectNode allow(List<String> actions, String resource) {
            ObjectNode s = JSON.createObjectNode().put("Effect", "Allow");
            ArrayNode a = s.putArray("Action");
            actions.forEach(a::add);
            s.put("Resource", resource);
            return s;
        }

        static ObjectNode doc(ArrayNode statements) {
            ObjectNode d = JSON.createObjectNode().put("Version", "2012-10-17");
            d.set("Statement", statements);
            return d;
        }

        static ObjectNode trust(String kind, String who) {
            ObjectNode s = JSON.createObjectNode().put("Effect", "Allow");
            s.putObject("Principal").put(kind, who);
            s.put("Action", "sts:AssumeRole");
            return doc(JSON.createArrayNode().add(s));
        }

        ObjectNode role(String name, ObjectNode trust, boolean administrator) {
            ObjectNode r = JSON.createObjectNode().put("RoleName", name).put("Path", "/").put("Arn", A + "role/" + name);
            r.set("AssumeRolePolicyDocument", trust);
            r.putArray("RolePolicyList");
            r.putArray("AttachedManagedPolicies");
            ArrayNode profiles = r.putArray("InstanceProfileList");
            if (service != null && service.equals("ec2.amazonaws.com")) {
                // EC2 uses a role only through an instance profile (IAM User Guide, "Using instance profiles")
                profiles.addObject().put("InstanceProfileName", name).put("Arn", A + "instance-profile/" + name);
            }
            if (administrator) {
                attach(r, awsAdministratorAccess());
            }
            return r;
        }

        ObjectNode user(String name, ObjectNode inline, boolean administrator) {
            ObjectNode u = JSON.createObjectNode().put("UserName", name).put("Path", "/").put("Arn", A + "user/" + name);
            u.putArray("UserPolicyList");
            u.putArray("GroupList");
            u.putArray("AttachedManagedPolicies");
            if (inline != null) {
                inline(u, "UserPolicyList", inline);
            }
            if (administrator) {
                attach(u, awsAdministratorAccess());
            }
            return u;
        }

        static ObjectNode group(String name) {
            ObjectNode g = JSON.createObjectNode().put("GroupName", name).put("Path", "/").put("Arn", A + "group/" + name);
            g.putArray("GroupPolicyList");
            g.putArray("AttachedManagedPolicies");
            return g;
        }

        static void inline(ObjectNode entity, String list, ObjectNode document) {
            ((ArrayNode) entity.get(list)).addObject().put("PolicyName", "inline").set("PolicyDocument", document);
        }

        static void attach(ObjectNode entity, String policyArn) {
            String name = policyArn.substring(policyArn.lastIndexOf('/') + 1);
            ((ArrayNode) entity.get("AttachedManagedPolicies")).addObject().put("PolicyName", name).put("PolicyArn", policyArn);
        }

        String awsAdministratorAccess() {
            for (JsonNode p : policies) {
                if (p.get("Arn").asText().equals(ADMIN_POLICY)) {
                    return ADMIN_POLICY;
                }
            }
            managed("AdministratorAccess", ADMIN_POLICY, doc(JSON.createArrayNode().add(allow(List.of("*"), "*"))));
            return ADMIN_POLICY;
        }

        String customerPolicy(String name, ObjectNode document) {
            return managed(name, A + "policy/" + name, document);
        }

        String managed(String name, String arn, ObjectNode document) {
            ObjectNode p = policies.addObject().put("PolicyName", name).put("Arn", arn).put("DefaultVersionId", "v1");
            ObjectNode v = p.putArray("PolicyVersionList").addObject();
            v.set("Document", document);
            v.put("VersionId", "v1").put("IsDefaultVersion", true);
            return arn;
        }
    }
}
