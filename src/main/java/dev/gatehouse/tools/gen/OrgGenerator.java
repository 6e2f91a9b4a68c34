package dev.gatehouse.tools.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * A seeded generator of synthetic organizations for benchmarks: N accounts under OUs with SCPs and an
 * RCP, roles built from a pool of role templates (1–3 AWS managed policies drawn from
 * managed-policies.json.gz, sometimes an inline policy), users in groups, trust graphs (services, the
 * account, other roles — chains and cycles), and buckets with policies naming roles, accounts, outsiders
 * or the public. Writes a facts directory in the layout FactsLoader reads.
 */
public final class OrgGenerator {
    private final Random rnd;
    private final List<Map.Entry<String, JsonNode>> managed = new ArrayList<>();

    public OrgGenerator(long seed, Path managedPolicies) throws IOException {
        this.rnd = new Random(seed);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(managedPolicies))) {
            JsonNode all = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().path("deprecated").asBoolean(false)) {
                    managed.add(e);
                }
            }
        }
    }

    private <T> T pick(List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    private static String account(int i) {
        return String.format("%012d", 100000000000L + i * 1111L);
    }

    /** Writes an organization with the given numbers of accounts, roles, users and buckets into {@code dir}. */
    private boolean escalation;

    /** Seeds some role templates with administrators and escalation permissions (for the privesc benchmark). */
    public OrgGenerator withEscalationTemplates() {
        this.escalation = true;
        return this;
    }

    public void write(Path dir, int accounts, int roles, int usersCount, int buckets) throws IOException {
        Files.createDirectories(dir);
        ObjectNode org = Json.mapper().createObjectNode();
        org.put("Id", "o-synthetic");
        org.put("ManagementAccountId", account(0));
        org.putArray("Roots").addObject().put("Id", "r-root");
        ArrayNode ous = org.putArray("OrganizationalUnits");
        for (String ou : List.of("ou-prod", "ou-dev", "ou-shared")) {
            ous.addObject().put("Id", ou).put("Name", ou).put("ParentId", "r-root");
        }
        ArrayNode accts = org.putArray("Accounts");
        for (int a = 0; a < accounts; a++) {
            accts.addObject().put("Id", account(a)).put("Name", "acct-" + a)
                    .put("ParentId", a == 0 ? "r-root" : List.of("ou-prod", "ou-dev", "ou-shared").get(a % 3));
        }
        ArrayNode pols = org.putArray("Policies");
        ObjectNode full = pols.addObject().put("Id", "p-full").put("Name", "FullAWSAccess").put("Type", "SERVICE_CONTROL_POLICY");
        full.set("Content", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "gen"));
        ArrayNode targets = full.putArray("Targets").add("r-root").add("ou-prod").add("ou-dev").add("ou-shared");
        for (int a = 0; a < accounts; a++) {
            targets.add(account(a));
        }
        ObjectNode lock = pols.addObject().put("Id", "p-lock").put("Name", "DenyLeave").put("Type", "SERVICE_CONTROL_POLICY");
        lock.set("Content", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}", "gen"));
        lock.putArray("Targets").add("r-root");
        ObjectNode rcp = pols.addObject().put("Id", "p-rcp").put("Name", "OrgOnly").put("Type", "RESOURCE_CONTROL_POLICY");
        rcp.set("Content", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-synthetic\"},"
                + "\"BoolIfExists\":{\"aws:PrincipalIsAWSService\":\"false\"}}}]}", "gen"));
        rcp.putArray("Targets").add("ou-prod");
        Files.writeString(dir.resolve("organization.json"), org.toString());

        // role templates: 1-3 managed policies, sometimes one of a few inline policies
        List<List<Map.Entry<String, JsonNode>>> templates = new ArrayList<>();
        for (int t = 0; t < 150; t++) {
            List<Map.Entry<String, JsonNode>> ps = new ArrayList<>();
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                ps.add(pick(managed));
            }
            templates.add(ps);
        }
        if (escalation) {
            // the escalation benchmark's templates: administrators, and permissions that lead to one
            String[][] lab = {
                    {"AdministratorAccess"}, {"IAMFullAccess"}, {"PowerUserAccess"}, {"AWSLambda_FullAccess"},
                    {"lab-CreateAccessKey", "[{\"Effect\":\"Allow\",\"Action\":\"iam:CreateAccessKey\",\"Resource\":\"*\"}]"},
                    {"lab-PassRoleLambda", "[{\"Effect\":\"Allow\",\"Action\":[\"iam:PassRole\",\"lambda:CreateFunction\",\"lambda:InvokeFunction\"],\"Resource\":\"*\"}]"},
                    {"lab-AttachRolePolicy", "[{\"Effect\":\"Allow\",\"Action\":\"iam:AttachRolePolicy\",\"Resource\":\"*\"}]"},
                    {"lab-UpdateAssumeRolePolicy", "[{\"Effect\":\"Allow\",\"Action\":\"iam:UpdateAssumeRolePolicy\",\"Resource\":\"*\"}]"},
            };
            for (int k = 0; k < lab.length; k++) {
                Map.Entry<String, JsonNode> e;
                if (lab[k].length == 1) {
                    String name = lab[k][0];
                    e = managed.stream().filter(m -> m.getKey().equals(name)).findFirst().orElseThrow();
                } else {
                    ObjectNode doc = Json.mapper().createObjectNode();
                    doc.put("arn", "arn:aws:iam::aws:policy/" + lab[k][0]);
                    doc.set("document", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + lab[k][1] + "}", "gen"));
                    e = Map.entry(lab[k][0], doc);
                    managed.add(e);
                }
                templates.set(10 + k * 3, List.of(e));
            }
            templates.set(3, List.of(managed.stream().filter(m -> m.getKey().equals("lab-CreateAccessKey")).findFirst().orElseThrow()));
        }
        List<String> roleArns = new ArrayList<>();
        int perAccount = Math.max(1, roles / accounts);
        for (int i = 0; i < roles; i++) {
            int a = Math.min(accounts - 1, i / perAccount);
            roleArns.add("arn:aws:iam::" + account(a) + ":role/app-" + i);
        }
        int bucketsPerAccount = Math.max(1, buckets / accounts);
        for (int a = 0; a < accounts; a++) {
            String acct = account(a);
            ObjectNode gaad = Json.mapper().createObjectNode();
            ArrayNode users = gaad.putArray("UserDetailList");
            ArrayNode groups = gaad.putArray("GroupDetailList");
            ArrayNode rolesNode = gaad.putArray("RoleDetailList");
            ArrayNode policies = gaad.putArray("Policies");
            java.util.Set<String> usedManaged = new java.util.TreeSet<>();
            for (int i = a * perAccount; i < Math.min(roles, (a + 1) * perAccount) || (a == accounts - 1 && i < roles); i++) {
                ObjectNode r = rolesNode.addObject();
                String arn = roleArns.get(i);
                r.put("Path", "/").put("RoleName", "app-" + i).put("RoleId", "AROA" + String.format("%016d", i)).put("Arn", arn)
                        .put("CreateDate", "2025-01-01T00:00:00Z");
                r.set("AssumeRolePolicyDocument", trust(acct, roleArns, i));
                ArrayNode att = r.putArray("AttachedManagedPolicies");
                for (Map.Entry<String, JsonNode> m : pick(templates)) {
                    att.addObject().put("PolicyName", m.getKey()).put("PolicyArn", m.getValue().get("arn").asText());
                    usedManaged.add(m.getKey());
                }
                ArrayNode inline = r.putArray("RolePolicyList");
                if (rnd.nextDouble() < 0.3) {
                    int t = rnd.nextInt(20);
                    ObjectNode ip = inline.addObject().put("PolicyName", "inline-" + t);
                    ip.set("PolicyDocument", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket-" + t + "-*/*\"},"
                            + "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::*:role/app-" + (t * 37) + "\"}]}", "gen"));
                }
                r.putArray("Tags").addObject().put("Key", "team").put("Value", "t" + (i % 7));
            }
            for (int u = 0; u < Math.max(1, usersCount / accounts); u++) {
                ObjectNode un = users.addObject();
                un.put("Path", "/").put("UserName", "user-" + a + "-" + u).put("UserId", "AIDA" + String.format("%016d", a * 100000 + u))
                        .put("Arn", "arn:aws:iam::" + acct + ":user/user-" + a + "-" + u).put("CreateDate", "2025-01-01 00:00:00+00:00");
                un.putArray("GroupList").add("group-" + (u % 5));
                un.putArray("AttachedManagedPolicies");
                ObjectNode up = un.putArray("UserPolicyList").addObject().put("PolicyName", "assume");
                up.set("PolicyDocument", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + acct + ":role/app-*\"}]}", "gen"));
                un.putArray("Tags");
            }
            for (int g = 0; g < 5; g++) {
                ObjectNode gn = groups.addObject();
                gn.put("Path", "/").put("GroupName", "group-" + g).put("GroupId", "AGPA" + String.format("%016d", g))
                        .put("Arn", "arn:aws:iam::" + acct + ":group/group-" + g).put("CreateDate", "2025-01-01T00:00:00Z");
                ArrayNode att = gn.putArray("AttachedManagedPolicies");
                for (Map.Entry<String, JsonNode> m : templates.get(g)) {
                    att.addObject().put("PolicyName", m.getKey()).put("PolicyArn", m.getValue().get("arn").asText());
                    usedManaged.add(m.getKey());
                }
                gn.putArray("GroupPolicyList");
            }
            for (Map.Entry<String, JsonNode> m : managed) {
                if (!usedManaged.contains(m.getKey())) {
                    continue;
                }
                ObjectNode p = policies.addObject();
                p.put("PolicyName", m.getKey()).put("Arn", m.getValue().get("arn").asText()).put("DefaultVersionId", "v1");
                ObjectNode v = p.putArray("PolicyVersionList").addObject();
                v.set("Document", m.getValue().get("document"));
                v.put("VersionId", "v1").put("IsDefaultVersion", true);
            }
            Path ad = dir.resolve("accounts").resolve(acct);
            Files.createDirectories(ad.resolve("s3"));
            Files.writeString(ad.resolve("iam.json"), gaad.toString());
            for (int b = 0; b < bucketsPerAccount && a * bucketsPerAccount + b < buckets; b++) {
                int id = a * bucketsPerAccount + b;
                Files.writeString(ad.resolve("s3").resolve("bucket-" + (id % 20) + "-" + id + ".json"),
                        "{\"Policy\":" + Json.mapper().writeValueAsString(bucketPolicy(id, acct, roleArns).toString()) + "}");
            }
        }
    }

    private JsonNode trust(String acct, List<String> roleArns, int i) {
        double r = rnd.nextDouble();
        String principal;
        if (r < 0.5) {
            principal = "{\"Service\":\"" + pick(List.of("ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com")) + "\"}";
        } else if (r < 0.7) {
            principal = "{\"AWS\":\"arn:aws:iam::" + acct + ":root\"}";
        } else {
            principal = "{\"AWS\":\"" + roleArns.get(rnd.nextInt(roleArns.size())) + "\"}";
        }
        return Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"}]}", "gen");
    }

    private JsonNode bucketPolicy(int id, String acct, List<String> roleArns) {
        String bucket = "arn:aws:s3:::bucket-" + (id % 20) + "-" + id;
        List<String> st = new ArrayList<>();
        double r = rnd.nextDouble();
        String who = r < 0.3 ? "{\"AWS\":\"" + acct + "\"}" : r < 0.7 ? "{\"AWS\":\"" + roleArns.get(rnd.nextInt(roleArns.size())) + "\"}"
                : r < 0.9 ? "{\"AWS\":\"arn:aws:iam::999999999999:root\"}" : "\"*\"";
        st.add("{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Principal\":" + who + ",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],"
                + "\"Resource\":[\"" + bucket + "\",\"" + bucket + "/*\"]}");
        if (rnd.nextBoolean()) {
            st.add("{\"Sid\":\"DenyInsecure\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"" + bucket
                    + "\",\"" + bucket + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
        }
        return Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", st) + "]}", "gen");
    }
}
