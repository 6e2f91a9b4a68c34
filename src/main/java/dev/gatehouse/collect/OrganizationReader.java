package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTargetSummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.Root;

/**
 * The organization from its management account (or a delegated administrator), in the shape of the facts'
 * {@code organization.json}: its roots, OUs (walked from the roots), accounts with their parents, and its SCPs and
 * RCPs with their content and targets.
 */
final class OrganizationReader {
    /** What the organization's API gave: the JSON of organization.json (null when it could not all be read), its accounts. */
    record Read(ObjectNode json, List<Member> accounts, boolean inUse) {
    }

    /** An account of the organization. */
    record Member(String id, String name, String status) {
        boolean active() {
            return status == null || status.equals("ACTIVE");
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OrganizationReader() {
    }

    /** A policy that could not be read, as text that is no policy (see collected.json), at these targets. */
    private static void unread(ArrayNode policies, String id, String name, PolicyType type, List<String> targets) {
        ObjectNode n = policies.addObject().put("Id", id).put("Name", name).put("Type", type.toString());
        n.put("Content", "(not read by gatehouse collect: see collected.json)");
        targets.forEach(n.putArray("Targets")::add);
    }

    static Read read(OrganizationsClient org, Calls calls) {
        Calls probe = new Calls();
        var described = probe.call("organizations:DescribeOrganization", null, null, Set.of("AWSOrganizationsNotInUseException"),
                () -> org.describeOrganization().organization());
        if (described.isEmpty()) {
            calls.notRead.addAll(probe.notRead);
            // not in an organization: a standalone account (nothing recorded); or refused (recorded)
            return new Read(null, List.of(), !probe.notRead.isEmpty());
        }
        ObjectNode out = NODES.objectNode();
        out.put("Id", described.get().id());
        out.put("ManagementAccountId", described.get().masterAccountId());
        ArrayNode roots = out.putArray("Roots");
        ArrayNode ous = out.putArray("OrganizationalUnits");
        ArrayNode accounts = out.putArray("Accounts");
        List<Member> members = new ArrayList<>();
        Deque<String> parents = new ArrayDeque<>();
        for (Root r : calls.call("organizations:ListRoots", null, null, () -> org.listRootsPaginator().stream().flatMap(page -> page.roots().stream()).toList())
                .orElse(List.of())) {
            roots.addObject().put("Id", r.id()).put("Name", r.name());
            parents.add(r.id());
        }
        while (!parents.isEmpty()) {
            String parent = parents.poll();
            for (OrganizationalUnit ou : calls.call("organizations:ListOrganizationalUnitsForParent", null, parent,
                    () -> org.listOrganizationalUnitsForParentPaginator(q -> q.parentId(parent)).stream().flatMap(page -> page.organizationalUnits().stream()).toList())
                    .orElse(List.of())) {
                ous.addObject().put("Id", ou.id()).put("Name", ou.name()).put("ParentId", parent);
                parents.add(ou.id());
            }
            for (Account a : calls.call("organizations:ListAccountsForParent", null, parent,
                    () -> org.listAccountsForParentPaginator(q -> q.parentId(parent)).stream().flatMap(page -> page.accounts().stream()).toList()).orElse(List.of())) {
                accounts.addObject().put("Id", a.id()).put("Name", a.name()).put("ParentId", parent).put("Status", a.statusAsString());
                members.add(new Member(a.id(), a.name(), a.statusAsString()));
            }
        }
        // every root, OU and account: where a policy of unknown targets may stand
        List<String> everywhere = new ArrayList<>();
        roots.forEach(r -> everywhere.add(r.get("Id").asText()));
        ous.forEach(o -> everywhere.add(o.get("Id").asText()));
        accounts.forEach(a -> everywhere.add(a.get("Id").asText()));
        ArrayNode policies = out.putArray("Policies");
        for (PolicyType type : List.of(PolicyType.SERVICE_CONTROL_POLICY, PolicyType.RESOURCE_CONTROL_POLICY)) {
            Optional<List<PolicySummary>> listed = calls.call("organizations:ListPolicies", null, type.toString(),
                    () -> org.listPoliciesPaginator(q -> q.filter(type)).stream().flatMap(page -> page.policies().stream()).toList());
            if (listed.isEmpty()) {
                // which policies there are is unknown: one that could not be read stands at every level, so that answers
                // are Conditional on it rather than allowed past a Deny or denied for want of an Allow
                unread(policies, "p-not-read-" + type, "the " + type + "s, which could not be listed", type, everywhere);
                continue;
            }
            for (PolicySummary p : listed.get()) {
                Optional<String> content = calls.call("organizations:DescribePolicy", null, p.id(),
                        () -> org.describePolicy(q -> q.policyId(p.id())).policy().content());
                Optional<List<String>> targets = calls.call("organizations:ListTargetsForPolicy", null, p.id(),
                        () -> org.listTargetsForPolicyPaginator(q -> q.policyId(p.id())).stream().flatMap(page -> page.targets().stream())
                                .map(PolicyTargetSummary::targetId).toList());
                if (content.isEmpty() || targets.isEmpty()) {
                    // a policy whose content or targets could not be read: the loader stands in for it (what it allows and
                    // denies is unknown) wherever it may be attached, rather than dropping a Deny or an Allow
                    unread(policies, p.id(), p.name(), type, targets.orElse(everywhere));
                    continue;
                }
                ObjectNode n = policies.addObject().put("Id", p.id()).put("Name", p.name()).put("Type", type.toString());
                n.set("Content", Wire.document(content.get()));
                targets.get().forEach(n.putArray("Targets")::add);
            }
        }
        return new Read(out, members, true);
    }
}
