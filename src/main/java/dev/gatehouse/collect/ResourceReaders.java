package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The resources of one account whose policies the rules evaluate, with their policies and tags: S3 buckets and KMS
 * keys as the raw output of {@code get-bucket-policy} and {@code get-key-policy} ({@code s3/}, {@code kms/}, with
 * their tags), buckets without a policy and the other services' resources in {@code resources.json}. A resource
 * whose policy or tags could not be read is still written (without them) and recorded as not read; a listing that
 * failed is recorded for its service and region.
 */
final class ResourceReaders {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What was found in one account. */
    static final class Found {
        final Map<String, ObjectNode> buckets = new TreeMap<>();
        final Map<String, ObjectNode> keys = new TreeMap<>();
        final ArrayNode resources = NODES.arrayNode();
        final Map<String, Integer> counts = new LinkedHashMap<>();

        private void counted(String service) {
            counts.merge(service, 1, Integer::sum);
        }

        private void add(String service, String arn, Optional<String> policy, Map<String, String> tags) {
            ObjectNode r = resources.addObject().put("arn", arn);
            policy.ifPresent(p -> r.set("policy", Wire.document(p)));
            if (!tags.isEmpty()) {
                ObjectNode t = r.putObject("tags");
                tags.forEach(t::put);
            }
            counted(service);
        }
    }

    private ResourceReaders() {
    }

    static void s3(S3Client s3, Calls calls, Found found) {
        for (var b : calls.call("s3:ListBuckets", null, null, () -> s3.listBucketsPaginator(q -> { }).buckets().stream().toList())
                .orElse(List.of())) {
            String arn = "arn:aws:s3:::" + b.name();
            Optional<String> policy = calls.call("s3:GetBucketPolicy", null, arn, Set.of("NoSuchBucketPolicy"),
                    () -> s3.getBucketPolicy(q -> q.bucket(b.name())).policy());
            Map<String, String> tags = new LinkedHashMap<>();
            calls.call("s3:GetBucketTagging", null, arn, Set.of("NoSuchTagSet"), () -> s3.getBucketTagging(q -> q.bucket(b.name())).tagSet())
                    .ifPresent(ts -> ts.forEach(t -> tags.put(t.key(), t.value())));
            if (policy.isPresent()) {
                ObjectNode f = NODES.objectNode().put("Policy", policy.get());
                tagsInto(f, tags);
                found.buckets.put(b.name(), f);
                found.counted("s3");
            } else {
                found.add("s3", arn, Optional.empty(), tags);
            }
        }
    }

    static void kms(KmsClient kms, String region, Calls calls, Found found) {
        for (var k : calls.call("kms:ListKeys", region, null, () -> kms.listKeysPaginator(q -> { }).keys().stream().toList())
                .orElse(List.of())) {
            Optional<String> policy = calls.call("kms:GetKeyPolicy", region, k.keyArn(),
                    () -> kms.getKeyPolicy(q -> q.keyId(k.keyId()).policyName("default")).policy());
            Map<String, String> tags = new LinkedHashMap<>();
            calls.call("kms:ListResourceTags", region, k.keyArn(), () -> kms.listResourceTags(q -> q.keyId(k.keyId())).tags())
                    .ifPresent(ts -> ts.forEach(t -> tags.put(t.tagKey(), t.tagValue())));
            if (policy.isEmpty()) {
                // a key always has a key policy: this one could not be read (recorded), and the loader stands in for it
                found.add("kms", k.keyArn(), policy, tags);
                continue;
            }
            ObjectNode f = NODES.objectNode().put("Policy", policy.get()).put("KeyArn", k.keyArn());
            tagsInto(f, tags);
            found.keys.put(k.keyId(), f);
            found.counted("kms");
        }
    }

    static void sqs(SqsClient sqs, String region, Calls calls, Found found) {
        for (String url : calls.call("sqs:ListQueues", region, null, () -> sqs.listQueuesPaginator(q -> { }).queueUrls().stream().toList())
                .orElse(List.of())) {
            Map<QueueAttributeName, String> attrs = calls.call("sqs:GetQueueAttributes", region, url,
                    () -> sqs.getQueueAttributes(q -> q.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.POLICY))
                            .attributes()).orElse(Map.of());
            String arn = attrs.get(QueueAttributeName.QUEUE_ARN);
            if (arn == null) {
                continue; // recorded: the queue's ARN is unknown, so is the queue
            }
            Map<String, String> tags = new LinkedHashMap<>();
            calls.call("sqs:ListQueueTags", region, arn, () -> sqs.listQueueTags(q -> q.queueUrl(url)).tags()).ifPresent(tags::putAll);
            found.add("sqs", arn, Optional.ofNullable(attrs.get(QueueAttributeName.POLICY)), tags);
        }
    }

    static void sns(SnsClient sns, String region, Calls calls, Found found) {
        for (var t : calls.call("sns:ListTopics", region, null, () -> sns.listTopicsPaginator(q -> { }).topics().stream().toList())
                .orElse(List.of())) {
            String arn = t.topicArn();
            Optional<String> policy = calls.call("sns:GetTopicAttributes", region, arn,
                    () -> sns.getTopicAttributes(q -> q.topicArn(arn)).attributes().get("Policy"));
            Map<String, String> tags = new LinkedHashMap<>();
            calls.call("sns:ListTagsForResource", region, arn, () -> sns.listTagsForResource(q -> q.resourceArn(arn)).tags())
                    .ifPresent(ts -> ts.forEach(x -> tags.put(x.key(), x.value())));
            found.add("sns", arn, policy, tags);
        }
    }

    static void secretsmanager(SecretsManagerClient sm, String region, Calls calls, Found found) {
        for (var s : calls.call("secretsmanager:ListSecrets", region, null,
                () -> sm.listSecretsPaginator(q -> { }).stream().flatMap(page -> page.secretList().stream()).toList()).orElse(List.of())) {
            String arn = s.arn();
            Optional<String> policy = calls.call("secretsmanager:GetResourcePolicy", region, arn,
                    () -> sm.getResourcePolicy(q -> q.secretId(arn)).resourcePolicy());
            Map<String, String> tags = new LinkedHashMap<>();
            s.tags().forEach(x -> tags.put(x.key(), x.value()));
            found.add("secretsmanager", arn, policy, tags);
        }
    }

    static void lambda(LambdaClient lambda, String region, Calls calls, Found found) {
        for (var f : calls.call("lambda:ListFunctions", region, null, () -> lambda.listFunctionsPaginator(q -> { }).functions().stream().toList())
                .orElse(List.of())) {
            String arn = f.functionArn();
            Optional<String> policy = calls.call("lambda:GetPolicy", region, arn, Set.of("ResourceNotFoundException"),
                    () -> lambda.getPolicy(q -> q.functionName(arn)).policy());
            Map<String, String> tags = new LinkedHashMap<>();
            calls.call("lambda:ListTags", region, arn, () -> lambda.listTags(q -> q.resource(arn)).tags()).ifPresent(tags::putAll);
            found.add("lambda", arn, policy, tags);
        }
    }

    static void ecr(EcrClient ecr, String region, Calls calls, Found found) {
        for (var r : calls.call("ecr:DescribeRepositories", region, null,
                () -> ecr.describeRepositoriesPaginator(q -> { }).repositories().stream().toList()).orElse(List.of())) {
            String arn = r.repositoryArn();
            Optional<String> policy = calls.call("ecr:GetRepositoryPolicy", region, arn, Set.of("RepositoryPolicyNotFoundException"),
                    () -> ecr.getRepositoryPolicy(q -> q.repositoryName(r.repositoryName()).registryId(r.registryId())).policyText());
            Map<String, String> tags = new LinkedHashMap<>();
            calls.call("ecr:ListTagsForResource", region, arn, () -> ecr.listTagsForResource(q -> q.resourceArn(arn)).tags())
                    .ifPresent(ts -> ts.forEach(x -> tags.put(x.key(), x.value())));
            found.add("ecr", arn, policy, tags);
        }
    }

    private static void tagsInto(ObjectNode f, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            ObjectNode t = f.putObject("Tags");
            tags.forEach(t::put);
        }
    }
}
