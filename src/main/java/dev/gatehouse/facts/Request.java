package dev.gatehouse.facts;

import dev.gatehouse.policy.RequestContext;

/**
 * One request to decide: who asks ({@code caller}), the action (and its lower-case form and service
 * prefix), the resource ARN (or {@code *}) with its owning account, service and type, the condition
 * keys, and the policies that bear on it. {@code rcpSupported} says whether the action's service is
 * governed by resource control policies; {@code resourcePattern} that the resource is a pattern
 * ({@code arn:aws:s3:::bucket/*}, or {@code *} for an action that names resources): the question is then
 * about some resource it matches. Equality is by {@code id}.
 */
public record Request(int id, String name, Caller caller, String action, String actionLower, String service,
                      String resource, String resourceAccount, String resourceService, String resourceType,
                      boolean rcpSupported, RequestContext context, PolicySet policies, boolean resourcePattern) {

    public int getId() {
        return id;
    }

    public Caller getCaller() {
        return caller;
    }

    public CallerKind getCallerKind() {
        return caller.kind();
    }

    public String getService() {
        return service;
    }

    public String getActionLower() {
        return actionLower;
    }

    public String getResourceService() {
        return resourceService;
    }

    public String getResourceType() {
        return resourceType;
    }

    public boolean isRcpSupported() {
        return rcpSupported;
    }

    public PolicySet getPolicies() {
        return policies;
    }

    /**
     * The caller belongs to the account that owns the resource — or the resource is AWS's own (account
     * {@code aws}: managed policies), which every account's principals use under their identity policies alone,
     * as in their own account (IAM User Guide, "AWS managed policies").
     */
    public boolean isSameAccount() {
        return !caller.account().isEmpty() && (caller.account().equals(resourceAccount) || "aws".equals(resourceAccount));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Request r && r.id == id;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }
}
