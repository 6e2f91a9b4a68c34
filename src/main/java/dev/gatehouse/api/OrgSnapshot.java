package dev.gatehouse.api;

import dev.gatehouse.engine.DecisionMemo;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.ActionCatalog;
import dev.gatehouse.query.Escalations;
import dev.gatehouse.query.Questions;
import dev.gatehouse.query.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A prepared, immutable organization: the facts as loaded and what every question holds constant
 * ({@link Options}: the time, fixed context keys, resource owners). Every question is a function of the
 * snapshot — the order questions are asked in never changes an answer — and questions may be asked from
 * several threads at once. What several questions share (the decided role assumptions, the escalation
 * graph) is computed once, at first use.
 *
 * <pre>{@code
 * OrgSnapshot org = Gatehouse.load(Path.of("facts"), Options.defaults());
 * List<Access> readers = org.whoCan("arn:aws:s3:::acme-prod-data/reports/q3.csv", List.of("s3:GetObject"));
 * List<AssumePath> assumers = org.whoCanAssume("arn:aws:iam::111111111111:role/DeployRole");
 * List<EscalationAnswer> admins = org.escalations(ProgressListener.NONE);
 * }</pre>
 *
 * What could not be read ({@link #incomplete()}) never shortens an answer: a policy that could not be read
 * stands as a possible Allow and a possible Deny, so who-can, who-can-assume and the report answer
 * Conditional on it and mark each line that rests on it ({@link Access#incomplete()}, {@link AssumePath#incomplete()},
 * {@link ReportRow#incomplete()}); questions about the principal itself (what-can, its escalation) throw
 * {@link InputException} rather than answer short.
 */
public final class OrgSnapshot {
    private final Facts facts;
    private final Options options;
    private final RuleBase rules;
    private final Questions questions;
    /** The escalation analysis: its decided requests are made once, for privesc and who-can through escalation alike. */
    private final Escalations escalationAnalysis;

    /** The decisions of this snapshot's requests, or null when they are not remembered (see {@link #remembering()}). */
    private final DecisionMemo memo;

    OrgSnapshot(Facts facts, Options options, RuleBase rules) {
        this(facts, options, rules, null);
    }

    private OrgSnapshot(Facts facts, Options options, RuleBase rules, DecisionMemo memo) {
        this.facts = facts;
        this.options = options;
        this.rules = rules;
        this.memo = memo;
        this.questions = new Questions(facts, memo == null ? new Evaluator(rules) : new Evaluator(rules, memo), rules, options);
        this.escalationAnalysis = new Escalations(questions, rules);
    }

    /**
     * This snapshot's facts and options, remembering the decision of every request its questions ask, so that a
     * snapshot of the organization after a change ({@link Gatehouse#loadAfter}) decides only what the change
     * touched. Call it before asking: nothing asked of this snapshot is remembered. Remembering costs memory (the
     * decisions of two reports of ten thousand roles at most, the least recently used forgotten first); a snapshot
     * that is asked once needs none.
     */
    public OrgSnapshot remembering() {
        return memo != null ? this : new OrgSnapshot(facts, options, rules, new DecisionMemo(rules));
    }

    /** Other facts of the organization, under these options, sharing the decisions this snapshot remembers. */
    OrgSnapshot after(Facts later) {
        return new OrgSnapshot(later, options, rules, memo);
    }

    /**
     * The same facts under other options (the time, fixed context keys, resource owners), without reading
     * a file again: for many questions of one organization that do not all hold the same keys constant.
     */
    public OrgSnapshot withOptions(Options other) {
        return other.equals(options) ? this : new OrgSnapshot(facts, other, rules, memo);
    }

    /** What every question of this snapshot holds constant. */
    public Options options() {
        return options;
    }

    /** The problems found while loading, each with its file and JSON pointer; what could be read still loaded. */
    public List<Problem> problems() {
        return facts.problems();
    }

    /** One line: {@code 9 files loaded, 1 skipped: …; 13 principals, 12 resources}. */
    public String summary() {
        return facts.summary();
    }

    /** The principals, resources and accounts whose policies could not all be read, with the reason each. */
    public Map<String, String> incomplete() {
        return facts.incomplete();
    }

    /**
     * The account that owns a resource, as every question takes it: from the facts, the ARN, the options'
     * resource accounts, or — for a resource whose ARN names none (S3) — the one account of single-account facts.
     * Throws {@link InputException} (GH111) when none of these says.
     */
    public String resourceAccount(String resourceArn) {
        return questions.resourceAccount(resourceArn);
    }

    /** Whether the resource's owner is known only because the facts hold a single account (see {@link #resourceAccount}). */
    public boolean ownerTakenFromSoleAccount(String resourceArn) {
        return questions.ownerFromSoleAccount(resourceArn);
    }

    /** The one account the facts hold (no organization of more), or null. */
    public String soleAccount() {
        return facts.soleAccount();
    }

    /** Whether nothing was loaded: no principal and no resource (a question over it would answer nothing). */
    public boolean isEmpty() {
        return facts.principals().isEmpty() && facts.resources().isEmpty();
    }

    /** Whether the facts hold this user or role. */
    public boolean hasPrincipal(String arn) {
        return facts.principals().containsKey(arn);
    }

    /**
     * The ARN of the user or role a name names: its ARN, or its name ({@code alice}, {@code DeployRole}) or the end
     * of its ARN ({@code role/analytics/DataScientist}) when one principal alone has it. Throws {@link InputException}
     * (GH111, with the nearest names; GH112 when the name is ambiguous); {@code option} is the flag it came from.
     */
    public String principalArn(String name, String option) {
        return facts.principalArn(name, "principal", option);
    }

    /** The ARN of the role a name names, as {@link #principalArn} does for users and roles. */
    public String roleArn(String name, String option) {
        return facts.principalArn(name, "role", option);
    }

    /** The resources of the facts nearest to an ARN the facts do not hold (a misspelt bucket), for "did you mean"; none when it is held. */
    public List<String> nearResources(String arn) {
        return facts.nearResources(arn);
    }

    /** Whether the facts hold this role. */
    public boolean hasRole(String arn) {
        Principal p = facts.principals().get(arn);
        return p != null && p.kind() == Principal.Kind.ROLE;
    }

    /**
     * Every principal that can perform any of the actions on the resource, directly or through roles it
     * can assume: users, roles (as their sessions), other accounts and their principals named by the
     * resource policy, services, the public. Each {@link Access} is Allowed, or Conditional with its conditions.
     * <pre>{@code
     * for (Access a : org.whoCan("arn:aws:s3:::acme-prod-data/reports/q3.csv", List.of("s3:GetObject"))) {
     *     a.principal(); a.decision(); a.via(); a.conditions(); a.grants();   // user/alice Allowed [] [] [identity policy …]
     * }
     * }</pre>
     */
    public List<Access> whoCan(String resource, List<String> actions) {
        return whoCan(resource, actions, Reach.THROUGH_ROLES);
    }

    /**
     * Who-can, looking as far as {@code reach} says:
     * {@code org.whoCan(object, List.of("s3:GetObject"), Reach.THROUGH_ESCALATION)} also lists who can escalate to the access.
     */
    public List<Access> whoCan(String resource, List<String> actions, Reach reach) {
        return whoCan(resource, actions, reach, ProgressListener.NONE);
    }

    /** Who-can, looking as far as {@code reach} says, telling {@code progress} how the escalation analysis goes. */
    public List<Access> whoCan(String resource, List<String> actions, Reach reach, ProgressListener progress) {
        List<Access> entries = questions.whoCan(resource, actions, reach != Reach.DIRECT);
        if (reach != Reach.THROUGH_ESCALATION) {
            return entries;
        }
        List<Access> all = new ArrayList<>(entries);
        all.addAll(escalationAnalysis.whoCanThroughEscalation(resource, actions, entries, progress::stage));
        return all;
    }

    /**
     * The actions a user or role can perform, by resource, service and access level ({@code service},
     * {@code resourcePattern} may be null): {@code org.whatCan("arn:aws:iam::111111111111:role/analytics/DataScientist", "s3", null)}
     * gives one {@link Access} per resource and access level, its {@code type} the service and level ({@code s3 Read}).
     */
    public List<Access> whatCan(String principal, String service, String resourcePattern) {
        return questions.whatCan(principal, service, resourcePattern, ActionCatalog.shipped());
    }

    /**
     * Every principal that can become the role through one or more role assumptions, with its shortest path:
     * {@code org.whoCanAssume(role).get(0).hops().get(0).grants()} names the statements that allow the first hop.
     */
    public List<AssumePath> whoCanAssume(String role) {
        return questions.whoCanAssume(role);
    }

    /**
     * The shortest path from a principal to a role, or none when the principal cannot become it:
     * {@code org.canReach("arn:aws:iam::222222222222:user/dave", "arn:aws:iam::111111111111:role/DeployRole").get(0).path()}.
     */
    public List<AssumePath> canReach(String from, String to) {
        return questions.canReach(from, to);
    }

    /**
     * For every user and role: whether it is administrator-equivalent, whether it can become one, and its
     * shortest paths with their proof. Computed once per snapshot.
     * <pre>{@code
     * org.escalations(ProgressListener.NONE).stream().filter(EscalationAnswer::canEscalate)
     *         .forEach(a -> a.paths().get(0).forEach(step -> step.edge()));   // sts:AssumeRole, iam:PassRole+lambda:…
     * }</pre>
     */
    public List<EscalationAnswer> escalations(ProgressListener progress) {
        return escalationResult(progress).answers();
    }

    /** The escalation answer of one principal; refused when it is not in the facts or could not all be read. */
    public EscalationAnswer escalation(String principal, ProgressListener progress) {
        if (!hasPrincipal(principal)) {
            throw questions.facts().notInFacts("principal", principal, "--principal");
        }
        questions.requireComplete(principal, "whether it can become administrator");
        return escalations(progress).stream().filter(a -> a.principal().equals(principal)).findFirst().orElseThrow();
    }

    /** The escalation graph with its counts (nodes, edges, requests), for benchmarks and the graph picture. */
    Escalations.Result escalationResult(ProgressListener progress) {
        return escalationAnalysis.analyze(progress::stage);
    }

    /**
     * The batch reachability report: for every resource with a resource-based policy, who can read, write
     * and manage its permissions; for every role, who can assume it. Sorted: the same facts give the same rows.
     * {@code org.report(listener)} tells the listener {@code advanced("report", done, total)} after each resource.
     */
    public List<ReportRow> report(ProgressListener progress) {
        return Report.build(questions, ActionCatalog.shipped(), (done, total) -> progress.advanced("report", done, total));
    }

    /**
     * The built-in findings ({@link FindingType#catalog()}): public access, access and role assumption from outside
     * the zone of trust (the organization, or the account when the facts hold none), cross-account trusts without a
     * condition, administrators, who can become one, and what could not be read; each with its proof and location,
     * sorted by severity. Asks the report and the escalation analysis.
     */
    public List<Finding> findings(ProgressListener progress) {
        return findings(report(progress), escalations(progress));
    }

    /**
     * Where the facts define a principal, role or resource (for an object ARN or prefix, its bucket), or null when
     * they do not: for locating what a diff or a check names.
     */
    public Finding.Location locationOf(String arn) {
        dev.gatehouse.org.Location l = facts.locations().get(arn);
        if (l == null && arn.startsWith("arn:aws:s3:::") && arn.contains("/")) {
            l = facts.locations().get(arn.substring(0, arn.indexOf('/')));
        }
        return l == null ? null : new Finding.Location(l.file(), l.pointer());
    }

    /**
     * Why a principal of the facts may not perform the action on the resource directly, in words: each Deny that
     * stops it and each gate without an Allow ({@code sts:AssumeRole: no identity policy of … allows it}); empty when it
     * may, or the principal is not in the facts.
     */
    public List<String> whyNot(String principal, String action, String resource) {
        return questions.whyNot(principal, action, resource);
    }

    /** {@link #findings(ProgressListener)} from a report and escalation answers already computed of this snapshot. */
    public List<Finding> findings(List<ReportRow> report, List<EscalationAnswer> escalations) {
        return dev.gatehouse.query.Findings.of(facts, rules, report, escalations, incomplete());
    }
}
