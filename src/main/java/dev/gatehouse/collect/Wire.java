package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An SDK response as the AWS CLI prints it: every member under its name in the API (UserName, RoleDetailList,
 * …), times in ISO 8601, and policy documents, which IAM sends URL-encoded, as JSON. What the CLI writes is what
 * the facts layout documents, so a collected file and one an auditor saved by hand read the same.
 */
final class Wire {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The members of IAM's answers that hold a policy document, URL-encoded on the wire. */
    private static final Set<String> DOCUMENTS = Set.of("PolicyDocument", "AssumeRolePolicyDocument", "Document");

    private Wire() {
    }

    static ObjectNode tree(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (v == null || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                    || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
                continue; // absent from the answer
            }
            out.set(f.memberName(), DOCUMENTS.contains(f.memberName()) && v instanceof String s ? document(s) : value(v));
        }
        return out;
    }

    private static JsonNode value(Object v) {
        if (v instanceof SdkPojo p) {
            return tree(p);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Instant t) {
            return NODES.textNode(t.toString());
        }
        return NODES.textNode(String.valueOf(v));
    }

    /** A policy document: decoded as the CLI does; left as sent when it is not URL-encoded JSON (the loader names it). */
    static JsonNode document(String sent) {
        String text = sent;
        if (!sent.stripLeading().startsWith("{")) {
            try {
                text = URLDecoder.decode(sent, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return NODES.textNode(sent);
            }
        }
        try {
            return Json.parse(text, "policy document");
        } catch (RuntimeException e) {
            return NODES.textNode(sent);
        }
    }
}
