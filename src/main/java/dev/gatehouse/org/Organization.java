package dev.gatehouse.org;

import dev.gatehouse.facts.OrgLevel;
import dev.gatehouse.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AWS Organization: its id, management account, accounts (each with its path of root and OUs), and
 * the SCPs and RCPs attached to each target (root, OU or account id).
 */
public record Organization(String id, String managementAccount, Map<String, Account> accounts,
                           Map<String, List<Policy>> scps, Map<String, List<Policy>> rcps, Policy rcpFullAccess) {
    public Organization {
        accounts = Map.copyOf(accounts);
        scps = Map.copyOf(scps);
        rcps = Map.copyOf(rcps);
    }

    public boolean contains(String account) {
        return accounts.containsKey(account);
    }

    /** The SCP levels that apply to principals of an account: none for the management account or outsiders. */
    public List<OrgLevel> scpLevels(String account) {
        return levels(account, scps, null);
    }

    /** The RCP levels that apply to resources of an account, each with RCPFullAWSAccess. */
    public List<OrgLevel> rcpLevels(String account) {
        if (rcps.isEmpty()) {
            return List.of();
        }
        return levels(account, rcps, rcpFullAccess);
    }

    private List<OrgLevel> levels(String account, Map<String, List<Policy>> attached, Policy always) {
        Account a = accounts.get(account);
        if (a == null || account.equals(managementAccount)) {
            return List.of();
        }
        List<OrgLevel> out = new ArrayList<>();
        List<String> targets = new ArrayList<>(a.parents());
        targets.add(account);
        for (int i = 0; i < targets.size(); i++) {
            List<Policy> ps = new ArrayList<>();
            if (always != null) {
                ps.add(always);
            }
            ps.addAll(attached.getOrDefault(targets.get(i), List.of()));
            out.add(new OrgLevel(i, targets.get(i), ps));
        }
        return out;
    }

    /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths of an account: {@code o-…/r-…/ou-…/}. */
    public String orgPath(String account) {
        Account a = accounts.get(account);
        if (a == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(id).append('/');
        for (String p : a.parents()) {
            sb.append(p).append('/');
        }
        return sb.toString();
    }
}
