package dev.gatehouse.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to decide, in the terms of the case format (README, "The case format"): who asks, the
 * action, the resource and its account, the condition keys of the call, and every policy in force.
 * Policy documents are JSON text, as AWS prints them. Immutable; the {@code with…} methods return a copy.
 *
 * @param principal        an IAM user or role ARN, a role session ({@code arn:aws:sts::…:assumed-role/R/S}), a service
 *                         ({@code s3.amazonaws.com}) or {@code anonymous}
 * @param scps             the SCP levels from the root down, each the documents attached there
 * @param rcps             the RCP levels from the root down
 * @param discovery        keys the context does not give are unknown (answers resting on them are Conditional),
 *                         rather than absent
 */
public record AccessRequest(String name, String principal, String action, String resource, String resourceAccount,
                            Map<String, List<String>> context, List<String> identityPolicies, String resourcePolicy,
                            String permissionBoundary, String sessionPolicy, List<List<String>> scps,
                            List<List<String>> rcps, boolean discovery) {
    public AccessRequest {
        Map<String, List<String>> c = new LinkedHashMap<>();
        context.forEach((k, v) -> c.put(k, List.copyOf(v)));
        context = java.util.Collections.unmodifiableMap(c);
        identityPolicies = List.copyOf(identityPolicies);
        scps = scps.stream().map(List::copyOf).toList();
        rcps = rcps.stream().map(List::copyOf).toList();
    }

    /** A request with no policy yet: add them with the {@code with…} methods. */
    public static AccessRequest of(String principal, String action, String resource, String resourceAccount) {
        return new AccessRequest(principal + " " + action + " " + resource, principal, action, resource, resourceAccount,
                Map.of(), List.of(), null, null, null, List.of(), List.of(), false);
    }

    public AccessRequest withIdentityPolicy(String document) {
        List<String> l = new ArrayList<>(identityPolicies);
        l.add(document);
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, l, resourcePolicy,
                permissionBoundary, sessionPolicy, scps, rcps, discovery);
    }

    public AccessRequest withResourcePolicy(String document) {
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, identityPolicies, document,
                permissionBoundary, sessionPolicy, scps, rcps, discovery);
    }

    public AccessRequest withPermissionBoundary(String document) {
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, identityPolicies,
                resourcePolicy, document, sessionPolicy, scps, rcps, discovery);
    }

    public AccessRequest withSessionPolicy(String document) {
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, identityPolicies,
                resourcePolicy, permissionBoundary, document, scps, rcps, discovery);
    }

    /** Adds an SCP level below those already given (the root first). */
    public AccessRequest withScpLevel(String... documents) {
        List<List<String>> l = new ArrayList<>(scps);
        l.add(List.of(documents));
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, identityPolicies,
                resourcePolicy, permissionBoundary, sessionPolicy, l, rcps, discovery);
    }

    /** Adds an RCP level below those already given (the root first); RCPFullAWSAccess stands at every level. */
    public AccessRequest withRcpLevel(String... documents) {
        List<List<String>> l = new ArrayList<>(rcps);
        l.add(List.of(documents));
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, identityPolicies,
                resourcePolicy, permissionBoundary, sessionPolicy, scps, l, discovery);
    }

    /** Adds a condition key of the call. */
    public AccessRequest withContext(String key, String... values) {
        Map<String, List<String>> c = new LinkedHashMap<>(context);
        List<String> all = new ArrayList<>(c.getOrDefault(key, List.of()));
        all.addAll(List.of(values));
        c.put(key, all);
        return new AccessRequest(name, principal, action, resource, resourceAccount, c, identityPolicies,
                resourcePolicy, permissionBoundary, sessionPolicy, scps, rcps, discovery);
    }

    /** In Discovery mode keys the request does not give are unknown rather than absent. */
    public AccessRequest inDiscoveryMode() {
        return new AccessRequest(name, principal, action, resource, resourceAccount, context, identityPolicies,
                resourcePolicy, permissionBoundary, sessionPolicy, scps, rcps, true);
    }

    /** The request as a case of the case format, for the case reader. */
    ObjectNode toCase() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("name", name);
        n.put("principal", principal);
        n.put("action", action);
        n.put("resource", resource);
        if (resourceAccount != null) {
            n.put("resourceAccount", resourceAccount);
        }
        ObjectNode ctx = n.putObject("context");
        context.forEach((k, v) -> {
            if (v.size() == 1) {
                ctx.put(k, v.get(0));
            } else {
                ArrayNode a = ctx.putArray(k);
                v.forEach(a::add);
            }
        });
        ArrayNode ids = n.putArray("identityPolicies");
        identityPolicies.forEach(ids::add);
        if (resourcePolicy != null) {
            n.put("resourcePolicy", resourcePolicy);
        }
        if (permissionBoundary != null) {
            n.put("permissionBoundary", permissionBoundary);
        }
        if (sessionPolicy != null) {
            n.put("sessionPolicy", sessionPolicy);
        }
        levels(n.putArray("scps"), scps);
        levels(n.putArray("rcps"), rcps);
        n.put("mode", discovery ? "Discovery" : "Strict");
        return n;
    }

    private static void levels(ArrayNode out, List<List<String>> levels) {
        for (List<String> level : levels) {
            ArrayNode l = out.addArray();
            level.forEach(l::add);
        }
    }
}
