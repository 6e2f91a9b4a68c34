package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The organization of {@code collect/organization.json} twice: seeded into the emulator through the AWS API (an
 * organization, OUs, accounts, SCPs and RCPs, users in groups, roles trusting across accounts, managed and inline
 * policies, buckets, a key, a queue and a topic with policies), and written by hand as a facts folder of the
 * documented layout, from the same description and the ids the emulator gave. The two must answer alike.
 */
final class Seed {
    static final AwsCredentialsProvider SEEDER = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "seed"));
    static final String REGION = "us-east-1";

    final JsonNode spec;
    final URI endpoint;
    /** Account name (and "org", "root", each OU's name) to its id. */
    final Map<String, String> ids = new LinkedHashMap<>();
    /** Account name to the ids of its keys, in the order of the description. */
    final Map<String, List<String>> keys = new LinkedHashMap<>();
    /** A secret's name to its ARN (AWS adds six random characters). */
    final Map<String, String> secrets = new LinkedHashMap<>();
    AwsCredentialsProvider auditor;

    private Seed(JsonNode spec, URI endpoint) {
        this.spec = spec;
        this.endpoint = endpoint;
    }

    static Seed into(MotoServer moto) throws Exception {
        JsonNode spec = Json.mapper().readTree(Seed.class.getResourceAsStream("/collect/organization.json"));
        Seed s = new Seed(spec, moto.endpoint());
        moto.authorize(false);
        s.organization();
        for (var e : s.spec.get("accounts").properties()) {
            s.account(e.getKey(), e.getValue());
        }
        s.policies();
        return s;
    }

    <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B b, AwsCredentialsProvider creds) {
        b.credentialsProvider(creds).region(Region.of(REGION)).endpointOverride(endpoint);
        return b.build();
    }

    /** The credentials of an account's OrganizationAccountAccessRole (the management account's own: the seeder's). */
    AwsCredentialsProvider as(String account) {
        if (account.equals("management")) {
            return SEEDER;
        }
        StsClient sts = client(StsClient.builder(), SEEDER);
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(q -> q.roleArn("arn:aws:iam::" + ids.get(account)
                + ":role/OrganizationAccountAccessRole").roleSessionName("seed")).build();
    }

    /** A policy of the description as AWS stores it, with the ids in place of ${name}. */
    String doc(JsonNode policy) {
        String text = policy.toString();
        for (var e : ids.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        return text;
    }

    private void organization() {
        try (OrganizationsClient org = client(OrganizationsClient.builder(), SEEDER)) {
            var o = org.createOrganization(q -> q.featureSet("ALL")).organization();
            ids.put("org", o.id());
            ids.put("management", o.masterAccountId());
            String root = org.listRoots().roots().get(0).id();
            ids.put("root", root);
            for (JsonNode ou : spec.get("ous")) {
                ids.put(ou.asText(), org.createOrganizationalUnit(q -> q.parentId(root).name(ou.asText())).organizationalUnit().id());
            }
            for (var e : spec.get("accounts").properties()) {
                if (!e.getKey().equals("management")) {
                    createAccount(org, e.getKey(), e.getValue().path("ou").asText(null));
                }
            }
        }
    }

    /** An account of the organization, moved into its OU: its id. */
    String createAccount(OrganizationsClient org, String name, String ou) {
        String id = org.createAccount(q -> q.accountName(name).email(name + "@example.com")).createAccountStatus().accountId();
        ids.put(name, id);
        if (ou != null) {
            org.moveAccount(q -> q.accountId(id).sourceParentId(ids.get("root")).destinationParentId(ids.get(ou)));
        }
        return id;
    }

    private void account(String name, JsonNode a) {
        AwsCredentialsProvider creds = as(name);
        String id = ids.get(name);
        try (IamClient iam = client(IamClient.builder().region(Region.AWS_GLOBAL), creds)) {
            Map<String, String> managed = new LinkedHashMap<>();
            for (var m : a.path("managed").properties()) {
                managed.put(m.getKey(), iam.createPolicy(q -> q.policyName(m.getKey()).policyDocument(doc(m.getValue()))).policy().arn());
            }
            for (JsonNode g : a.path("groups")) {
                String gn = g.get("name").asText();
                iam.createGroup(q -> q.groupName(gn));
                g.path("managed").forEach(m -> iam.attachGroupPolicy(q -> q.groupName(gn).policyArn(managed.get(m.asText()))));
            }
            for (JsonNode u : a.path("users")) {
                String un = u.get("name").asText();
                iam.createUser(q -> q.userName(un));
                u.path("groups").forEach(g -> iam.addUserToGroup(q -> q.userName(un).groupName(g.asText())));
                u.path("inline").properties().forEach(p -> iam.putUserPolicy(q -> q.userName(un).policyName(p.getKey()).policyDocument(doc(p.getValue()))));
                u.path("managed").forEach(m -> iam.attachUserPolicy(q -> q.userName(un).policyArn(managed.get(m.asText()))));
                if (name.equals("management") && un.equals("auditor")) {
                    var key = iam.createAccessKey(q -> q.userName(un)).accessKey();
                    auditor = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
                }
            }
            for (JsonNode r : a.path("roles")) {
                String rn = r.get("name").asText();
                if (r.path("existing").asBoolean()) {
                    iam.updateAssumeRolePolicy(q -> q.roleName(rn).policyDocument(doc(r.get("trust"))));
                } else {
                    iam.createRole(q -> q.roleName(rn).path(r.path("path").asText("/")).assumeRolePolicyDocument(doc(r.get("trust"))));
                }
                r.path("inline").properties().forEach(p -> iam.putRolePolicy(q -> q.roleName(rn).policyName(p.getKey()).policyDocument(doc(p.getValue()))));
            }
        }
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true), creds)) {
            for (JsonNode b : a.path("buckets")) {
                String bn = b.get("name").asText();
                s3.createBucket(q -> q.bucket(bn));
                if (b.has("policy")) {
                    s3.putBucketPolicy(q -> q.bucket(bn).policy(doc(b.get("policy"))));
                }
                List<software.amazon.awssdk.services.s3.model.Tag> tags = new ArrayList<>();
                b.path("tags").properties().forEach(t -> tags.add(software.amazon.awssdk.services.s3.model.Tag.builder().key(t.getKey())
                        .value(t.getValue().asText()).build()));
                if (!tags.isEmpty()) {
                    s3.putBucketTagging(q -> q.bucket(bn).tagging(t -> t.tagSet(tags)));
                }
            }
        }
        try (KmsClient kms = client(KmsClient.builder(), creds)) {
            List<String> made = new ArrayList<>();
            for (JsonNode k : a.path("keys")) {
                made.add(kms.createKey(q -> q.policy(doc(k.get("policy")))).keyMetadata().keyId());
            }
            keys.put(name, made);
        }
        try (SqsClient sqs = client(SqsClient.builder(), creds)) {
            for (JsonNode qu : a.path("queues")) {
                sqs.createQueue(q -> q.queueName(qu.get("name").asText()).attributes(Map.of(QueueAttributeName.POLICY, doc(qu.get("policy")))));
            }
        }
        try (SnsClient sns = client(SnsClient.builder(), creds)) {
            for (JsonNode t : a.path("topics")) {
                String arn = sns.createTopic(q -> q.name(t.get("name").asText())).topicArn();
                sns.setTopicAttributes(q -> q.topicArn(arn).attributeName("Policy").attributeValue(doc(t.get("policy"))));
            }
        }
        try (SecretsManagerClient sm = client(SecretsManagerClient.builder(), creds)) {
            for (JsonNode x : a.path("secrets")) {
                String arn = sm.createSecret(q -> q.name(x.get("name").asText()).secretString("not read by collect")).arn();
                secrets.put(x.get("name").asText(), arn);
                sm.putResourcePolicy(q -> q.secretId(arn).resourcePolicy(doc(x.get("policy"))));
            }
        }
        try (EcrClient ecr = client(EcrClient.builder(), creds)) {
            for (JsonNode x : a.path("repositories")) {
                ecr.createRepository(q -> q.repositoryName(x.get("name").asText()));
                ecr.setRepositoryPolicy(q -> q.repositoryName(x.get("name").asText()).policyText(doc(x.get("policy"))));
            }
        }
        try (LambdaClient lambda = client(LambdaClient.builder(), creds)) {
            for (JsonNode x : a.path("functions")) {
                String fn = x.get("name").asText();
                lambda.createFunction(q -> q.functionName(fn).runtime("python3.12").handler("index.handler")
                        .role("arn:aws:iam::" + id + ":role/" + x.get("role").asText()).code(c -> c.zipFile(SdkBytes.fromByteArray(zip()))));
                JsonNode perm = x.get("permission");
                lambda.addPermission(q -> q.functionName(fn).statementId(perm.get("Sid").asText()).action(perm.get("Action").asText())
                        .principal(perm.get("Principal").asText()).sourceArn(perm.get("SourceArn").asText()));
            }
        }
    }

    /** A function's code: a zip of one file (never run). */
    private static byte[] zip() {
        try {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(b)) {
                z.putNextEntry(new java.util.zip.ZipEntry("index.py"));
                z.write("def handler(event, context):\n    return None\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                z.closeEntry();
            }
            return b.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void policies() {
        try (OrganizationsClient org = client(OrganizationsClient.builder(), SEEDER)) {
            org.enablePolicyType(q -> q.rootId(ids.get("root")).policyType(PolicyType.RESOURCE_CONTROL_POLICY));
            for (String kind : List.of("scps", "rcps")) {
                PolicyType type = kind.equals("scps") ? PolicyType.SERVICE_CONTROL_POLICY : PolicyType.RESOURCE_CONTROL_POLICY;
                for (JsonNode p : spec.get(kind)) {
                    String id = org.createPolicy(q -> q.name(p.get("name").asText()).description("seeded").type(type)
                            .content(doc(p.get("policy")))).policy().policySummary().id();
                    p.get("targets").forEach(t -> org.attachPolicy(q -> q.policyId(id).targetId(ids.get(t.asText()))));
                }
            }
        }
    }

    /**
     * The same organization written by hand in the documented facts layout, as an auditor would from the AWS CLI's
     * outputs: organization.json (with AWS's FullAWSAccess and RCPFullAWSAccess on every root, OU and account),
     * iam.json, s3/, kms/ and resources.json.
     */
    Path handBuilt(Path dir) throws Exception {
        ObjectNode org = Json.mapper().createObjectNode();
        org.put("Id", ids.get("org")).put("ManagementAccountId", ids.get("management"));
        org.putArray("Roots").addObject().put("Id", ids.get("root"));
        ArrayNode ous = org.putArray("OrganizationalUnits");
        List<String> everywhere = new ArrayList<>(List.of(ids.get("root")));
        for (JsonNode ou : spec.get("ous")) {
            ous.addObject().put("Id", ids.get(ou.asText())).put("Name", ou.asText()).put("ParentId", ids.get("root"));
            everywhere.add(ids.get(ou.asText()));
        }
        ArrayNode accounts = org.putArray("Accounts");
        for (var e : spec.get("accounts").properties()) {
            String ou = e.getValue().path("ou").asText(null);
            accounts.addObject().put("Id", ids.get(e.getKey())).put("Name", e.getKey()).put("ParentId", ids.get(ou == null ? "root" : ou));
            everywhere.add(ids.get(e.getKey()));
        }
        ArrayNode policies = org.putArray("Policies");
        String all = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        String allRcp = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        orgPolicy(policies, "FullAWSAccess", "SERVICE_CONTROL_POLICY", all, everywhere);
        orgPolicy(policies, "RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY", allRcp, everywhere);
        for (String kind : List.of("scps", "rcps")) {
            for (JsonNode p : spec.get(kind)) {
                List<String> targets = new ArrayList<>();
                p.get("targets").forEach(t -> targets.add(ids.get(t.asText())));
                orgPolicy(policies, p.get("name").asText(), kind.equals("scps") ? "SERVICE_CONTROL_POLICY" : "RESOURCE_CONTROL_POLICY",
                        doc(p.get("policy")), targets);
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("organization.json"), org.toPrettyString());
        for (var e : spec.get("accounts").properties()) {
            handBuiltAccount(dir.resolve("accounts").resolve(ids.get(e.getKey())), e.getKey(), e.getValue());
        }
        return dir;
    }

    private void orgPolicy(ArrayNode policies, String name, String type, String content, List<String> targets) {
        ObjectNode p = policies.addObject().put("Id", "p-" + name).put("Name", name).put("Type", type).put("Content", content);
        ArrayNode t = p.putArray("Targets");
        targets.forEach(t::add);
    }

    private void handBuiltAccount(Path dir, String name, JsonNode a) throws Exception {
        String id = ids.get(name);
        Files.createDirectories(dir);
        ObjectNode gaad = Json.mapper().createObjectNode();
        ArrayNode users = gaad.putArray("UserDetailList");
        ArrayNode groups = gaad.putArray("GroupDetailList");
        ArrayNode roles = gaad.putArray("RoleDetailList");
        ArrayNode managed = gaad.putArray("Policies");
        for (var m : a.path("managed").properties()) {
            ObjectNode p = managed.addObject().put("PolicyName", m.getKey()).put("Arn", "arn:aws:iam::" + id + ":policy/" + m.getKey())
                    .put("Path", "/").put("DefaultVersionId", "v1");
            p.putArray("PolicyVersionList").addObject().put("Document", doc(m.getValue())).put("VersionId", "v1").put("IsDefaultVersion", true);
        }
        for (JsonNode g : a.path("groups")) {
            ObjectNode n = groups.addObject().put("GroupName", g.get("name").asText()).put("Path", "/")
                    .put("Arn", "arn:aws:iam::" + id + ":group/" + g.get("name").asText());
            n.putArray("GroupPolicyList");
            attached(n, g, id);
        }
        for (JsonNode u : a.path("users")) {
            ObjectNode n = users.addObject().put("UserName", u.get("name").asText()).put("Path", "/")
                    .put("Arn", "arn:aws:iam::" + id + ":user/" + u.get("name").asText());
            ArrayNode gl = n.putArray("GroupList");
            u.path("groups").forEach(gl::add);
            inline(n.putArray("UserPolicyList"), u);
            attached(n, u, id);
        }
        for (JsonNode r : a.path("roles")) {
            String path = r.path("path").asText("/");
            ObjectNode n = roles.addObject().put("RoleName", r.get("name").asText()).put("Path", path)
                    .put("Arn", "arn:aws:iam::" + id + ":role" + path + r.get("name").asText()).put("AssumeRolePolicyDocument", doc(r.get("trust")));
            inline(n.putArray("RolePolicyList"), r);
            attached(n, r, id);
            n.putArray("InstanceProfileList");
        }
        Files.writeString(dir.resolve("iam.json"), gaad.toPrettyString());
        ArrayNode resources = Json.mapper().createArrayNode();
        for (JsonNode b : a.path("buckets")) {
            if (b.has("policy")) {
                Files.createDirectories(dir.resolve("s3"));
                Files.writeString(dir.resolve("s3").resolve(b.get("name").asText() + ".json"), doc(b.get("policy")));
            } else {
                ObjectNode r = resources.addObject().put("arn", "arn:aws:s3:::" + b.get("name").asText());
                r.set("tags", b.path("tags"));
            }
        }
        List<String> keyIds = keys.getOrDefault(name, List.of());
        for (int i = 0; i < keyIds.size(); i++) {
            Files.createDirectories(dir.resolve("kms"));
            Files.writeString(dir.resolve("kms").resolve(keyIds.get(i) + ".json"), Json.mapper().createObjectNode()
                    .put("Policy", doc(a.get("keys").get(i).get("policy"))).put("KeyArn", "arn:aws:kms:" + REGION + ":" + id + ":key/" + keyIds.get(i))
                    .toPrettyString());
        }
        for (JsonNode q : a.path("queues")) {
            resources.addObject().put("arn", "arn:aws:sqs:" + REGION + ":" + id + ":" + q.get("name").asText()).put("policy", doc(q.get("policy")));
        }
        for (JsonNode x : a.path("secrets")) {
            resources.addObject().put("arn", secrets.get(x.get("name").asText())).put("policy", doc(x.get("policy")));
        }
        for (JsonNode x : a.path("repositories")) {
            resources.addObject().put("arn", "arn:aws:ecr:" + REGION + ":" + id + ":repository/" + x.get("name").asText()).put("policy", doc(x.get("policy")));
        }
        for (JsonNode x : a.path("functions")) {
            // the statement AddPermission makes, as `aws lambda get-policy` prints it
            String fn = "arn:aws:lambda:" + REGION + ":" + id + ":function:" + x.get("name").asText();
            JsonNode perm = x.get("permission");
            resources.addObject().put("arn", fn).put("policy", "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\""
                    + perm.get("Sid").asText() + "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + perm.get("Principal").asText()
                    + "\"},\"Action\":\"" + perm.get("Action").asText() + "\",\"Resource\":\"" + fn + "\",\"Condition\":{\"ArnLike\":"
                    + "{\"AWS:SourceArn\":\"" + perm.get("SourceArn").asText() + "\"}}}]}");
        }
        for (JsonNode t : a.path("topics")) {
            resources.addObject().put("arn", "arn:aws:sns:" + REGION + ":" + id + ":" + t.get("name").asText()).put("policy", doc(t.get("policy")));
        }
        if (!resources.isEmpty()) {
            Files.writeString(dir.resolve("resources.json"), resources.toPrettyString());
        }
    }

    private void inline(ArrayNode list, JsonNode entity) {
        entity.path("inline").properties().forEach(p -> list.addObject().put("PolicyName", p.getKey()).put("PolicyDocument", doc(p.getValue())));
    }

    private static void attached(ObjectNode n, JsonNode entity, String id) {
        ArrayNode l = n.putArray("AttachedManagedPolicies");
        entity.path("managed").forEach(m -> l.addObject().put("PolicyName", m.asText()).put("PolicyArn", "arn:aws:iam::" + id + ":policy/" + m.asText()));
    }
}
