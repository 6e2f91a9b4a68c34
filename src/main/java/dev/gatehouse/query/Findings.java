package dev.gatehouse.query;

import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.EscalationStep;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.ReportRow;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.AccessLine;
import dev.gatehouse.facts.AdminState;
import dev.gatehouse.facts.FindingFact;
import dev.gatehouse.facts.OrgAccount;
import dev.gatehouse.facts.TrustStatement;
import dev.gatehouse.facts.TrustZone;
import dev.gatehouse.facts.Unread;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Location;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * The built-in findings (rules/findings/, catalog findings.json): the report's lines, the escalation answers, the
 * trust statements of the roles and what could not be read become facts; the rules derive the findings; each is
 * located in the facts by the policy statement or element it rests on. Sorted by severity, then subject.
 */
public final class Findings {
    private Findings() {
    }

    public static List<Finding> of(Facts facts, RuleBase rules, List<ReportRow> rows, List<EscalationAnswer> answers,
                                   Map<String, String> incomplete) {
        KieSession s = rules.base(RuleBase.Part.FINDINGS).newKieSession();
        try {
            if (facts.organization() != null) {
                s.insert(new TrustZone(facts.organization().id()));
                facts.organization().accounts().keySet().forEach(a -> s.insert(new OrgAccount(a)));
            }
            for (ReportRow r : rows) {
                s.insert(line(facts, r));
            }
            for (Principal p : facts.principals().values()) {
                trustStatements(p).forEach(s::insert);
            }
            for (EscalationAnswer a : answers) {
                s.insert(new AdminState(a.principal(), a.type(), a.admin(), a.adminConditional(), a.canEscalate(), a.conditional(),
                        a.admin() ? a.adminProof() : paths(a)));
            }
            incomplete.forEach((k, why) -> s.insert(new Unread(k, why)));
            s.fireAllRules();
            List<Finding> out = new ArrayList<>();
            for (QueryResultsRow row : s.getQueryResults("findings")) {
                FindingFact f = (FindingFact) row.get("$f");
                out.add(new Finding(FindingType.of(f.code()), f.subject(), f.principal(), f.decision(), f.detail(), f.conditions(),
                        f.proof(), location(facts, f, f.statement() >= 0 ? f.statement() : naming(facts, f))));
            }
            out.sort(Comparator.comparing((Finding f) -> f.type().severity()).thenComparing(f -> f.type().code())
                    .thenComparing(Finding::subject).thenComparing(f -> f.principal() == null ? "" : f.principal())
                    .thenComparing(Finding::detail));
            return out;
        } finally {
            s.dispose();
        }
    }

    private static AccessLine line(Facts facts, ReportRow r) {
        String resourceAccount;
        String policy = null;
        Principal role = facts.principals().get(r.resource());
        if (role != null) {
            resourceAccount = role.account();
            policy = role.trust() == null ? null : role.trust().id();
        } else {
            String base = r.resource().startsWith("arn:aws:s3:::") && r.resource().contains("/")
                    ? r.resource().substring(0, r.resource().indexOf('/')) : r.resource();
            Resource res = facts.resources().get(base);
            resourceAccount = res != null ? res.account() : Arn.parse(base).map(Arn::account).filter(a -> !a.isEmpty()).orElse(null);
            policy = res != null && res.policy() != null ? res.policy().id() : null;
        }
        return new AccessLine(r.resource(), resourceAccount, r.access(), r.principal(), r.type(), accountOf(facts, r.principal(), r.type()),
                r.decision(), r.via(), r.conditions(), r.grants(), policy);
    }

    /** The account a principal belongs to; null for the public, any AWS principal, a service, an identity provider. */
    private static String accountOf(Facts facts, String principal, String type) {
        Principal p = facts.principals().get(principal);
        if (p != null) {
            return p.account();
        }
        if (type.equals("public") || type.equals("any-aws-principal") || type.equals("service") || type.equals("identity-provider")) {
            return null;
        }
        return Arn.parse(principal).map(Arn::account).filter(a -> a.matches("\\d{12}")).orElse(null);
    }

    /** One fact for each account each Allow statement of a role's trust policy names in AWS. */
    private static List<TrustStatement> trustStatements(Principal p) {
        List<TrustStatement> out = new ArrayList<>();
        if (p.kind() != Principal.Kind.ROLE || p.trust() == null) {
            return out;
        }
        for (Statement st : p.trust().statements()) {
            if (st.effect() != Effect.ALLOW || st.principal() == null || st.notPrincipal()) {
                continue;
            }
            for (String aws : st.principal().aws()) {
                String account = aws.matches("\\d{12}") ? aws : Arn.parse(aws).map(Arn::account).orElse(null);
                if (account != null && account.matches("\\d{12}")) {
                    out.add(new TrustStatement(p.arn(), p.account(), p.trust().id(), st.index(), st.sid(), account, !st.conditions().isEmpty()));
                }
            }
        }
        return out;
    }

    /** An escalation's proof: each path as its steps, with the requests that prove each. */
    private static List<String> paths(EscalationAnswer a) {
        List<String> out = new ArrayList<>();
        for (List<EscalationStep> path : a.paths()) {
            StringBuilder sb = new StringBuilder("path:");
            for (EscalationStep step : path) {
                sb.append(" → ").append(step.to()).append(" (").append(step.edge()).append(")");
            }
            out.add(sb.toString());
            for (EscalationStep step : path) {
                step.proof().forEach(pr -> out.add("  " + step.edge() + ": " + pr));
            }
        }
        return out;
    }

    /** Where the finding's policy statement, or its principal or resource, was read. */
    private static Finding.Location location(Facts facts, FindingFact f, int statement) {
        if (f.at() == null) {
            return null;
        }
        Location l = facts.locations().get(f.at());
        if (l == null) {
            return null;
        }
        return new Finding.Location(l.file(), statement >= 0 ? l.statement(statement) : l.pointer());
    }

    /**
     * For a finding about a resource's own policy, the first Allow statement of it that names the finding's principal:
     * anyone for the public, else the principal's ARN, its account's root or its account id; -1 when none does (the
     * access comes another way) or the finding rests on no resource policy.
     */
    private static int naming(Facts facts, FindingFact f) {
        dev.gatehouse.policy.Policy policy = policyOf(facts, f.at());
        if (policy == null || f.principal() == null) {
            return -1;
        }
        String account = Arn.parse(f.principal()).map(Arn::account).orElse("");
        boolean anyone = !f.principal().startsWith("arn:") && !f.principal().endsWith(".amazonaws.com")
                || f.principal().equals(dev.gatehouse.load.Callers.ANY_PRINCIPAL);
        for (Statement st : policy.statements()) {
            if (st.effect() != Effect.ALLOW || st.principal() == null || st.notPrincipal()) {
                continue;
            }
            if (st.principal().anyone() && anyone) {
                return st.index();
            }
            for (String aws : st.principal().aws()) {
                if (aws.equals(f.principal()) || !account.isEmpty() && (aws.equals(account) || aws.equals("arn:aws:iam::" + account + ":root"))) {
                    return st.index();
                }
            }
            if (st.principal().federated().contains(f.principal())) {
                return st.index();
            }
        }
        return -1;
    }

    /** The resource policy or trust policy of this id, or null. */
    private static dev.gatehouse.policy.Policy policyOf(Facts facts, String id) {
        for (Resource r : facts.resources().values()) {
            if (r.policy() != null && r.policy().id().equals(id)) {
                return r.policy();
            }
        }
        for (Principal p : facts.principals().values()) {
            if (p.trust() != null && p.trust().id().equals(id)) {
                return p.trust();
            }
        }
        return null;
    }
}
