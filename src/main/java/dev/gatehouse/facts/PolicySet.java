package dev.gatehouse.facts;

import dev.gatehouse.policy.Policy;
import java.util.List;

/**
 * The policies that bear on one request, by gate: the caller's identity policies, its permissions
 * boundary, its session policies, the resource's policy (or null), and the SCP and RCP levels (root
 * first, account last).
 */
public record PolicySet(List<Policy> identity, List<Policy> boundary, List<Policy> session, Policy resource,
                        List<OrgLevel> scpLevels, List<OrgLevel> rcpLevels) {
    public PolicySet {
        identity = List.copyOf(identity);
        boundary = List.copyOf(boundary);
        session = List.copyOf(session);
        scpLevels = List.copyOf(scpLevels);
        rcpLevels = List.copyOf(rcpLevels);
    }

    public List<Policy> getIdentity() {
        return identity;
    }

    public List<Policy> getBoundary() {
        return boundary;
    }

    public List<Policy> getSession() {
        return session;
    }

    public Policy getResource() {
        return resource;
    }

    public List<OrgLevel> getScpLevels() {
        return scpLevels;
    }

    public List<OrgLevel> getRcpLevels() {
        return rcpLevels;
    }

    public boolean hasBoundary() {
        return !boundary.isEmpty();
    }

    public boolean hasSessionPolicy() {
        return !session.isEmpty();
    }

    public boolean hasResourcePolicy() {
        return resource != null;
    }
}
