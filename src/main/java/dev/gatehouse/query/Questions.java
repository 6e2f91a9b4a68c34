package dev.gatehouse.query;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.AssumePath;
import dev.gatehouse.api.Decision;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.api.Options;
import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.facts.AssumeOutcome;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.ActionCatalog;
import java.util.List;

/**
 * The auditor's questions over a whole set of facts, with what {@link Options} holds constant for every
 * request: who can act on a resource ({@link WhoCan}), what a principal can do ({@link WhatCan}), who
 * can assume a role and whether one principal can reach another ({@link RoleGraph}). Principals no policy
 * can tell apart are asked once ({@link PrincipalClasses}). Every answer is decided by the rule base; the
 * library never prints. Safe to ask from several threads at once.
 */
public final class Questions {
    private final Facts facts;
    private final OrgRequests requests;
    private final PrincipalClasses classes;
    private final RoleGraph roles;
    private final WhoCan whoCan;
    private final WhatCan whatCan;
    private final Evaluator evaluator;

    /** The questions over the facts with what {@code options} holds constant for every request. */
    public Questions(Facts facts, RuleBase rules, Options options) {
        this(facts, new Evaluator(rules), rules, options);
    }

    /**
     * The questions over the facts, their requests decided by {@code evaluator} (of {@code rules}): one with a
     * {@link dev.gatehouse.engine.DecisionMemo} takes the decisions another snapshot of the organization made.
     */
    public Questions(Facts facts, Evaluator evaluator, RuleBase rules, Options options) {
        this.facts = facts;
        this.requests = new OrgRequests(facts, options.fixedKeys(), options.resourceAccounts());
        this.evaluator = evaluator;
        this.classes = new PrincipalClasses(facts);
        this.roles = new RoleGraph(facts, rules, requests, classes, evaluator);
        this.whoCan = new WhoCan(facts, requests, classes, roles, evaluator,
                new ActionClasses(rules.actionsNamed(RuleBase.Part.DECISION)));
        this.whatCan = new WhatCan(facts, requests, roles, evaluator);
    }

    public Facts facts() {
        return facts;
    }

    /** Computes, once, what every question shares: the decided role assumptions and who reaches each role. */
    public void prepare() {
        roles.prepare();
    }

    /**
     * Every principal that can perform any of the actions on the resource, directly or through roles it can
     * assume. A line that rests on a policy that could not be read (the resource's, its bucket's, a principal's
     * or a role's on the path) is marked {@link Access#incomplete()}; when the owning account's principals could
     * not be read, one Conditional line stands for them (its root), marked too.
     */
    public List<Access> whoCan(String resource, List<String> actions, boolean throughRoles) {
        String owner = requests.resourceAccount(resource);
        dev.gatehouse.org.Resource known = requests.resource(resource);
        String unread = known == null ? facts.unread(resource, owner) : null;
        if (unread != null) {
            // collect could not list what is there (or did not ask): an answer from what the facts hold could miss access
            throw new InputException(new Problem(ProblemCode.INCOMPLETE_SUBJECT, "", "--resource", "cannot answer who can act on `"
                    + resource + "`: " + unread));
        }
        List<Access> found = whoCan.whoCan(resource, actions, throughRoles);
        List<String> about = new java.util.ArrayList<>();
        about.add(known == null ? resource : known.arn());
        if (resource.startsWith("arn:aws:s3:::") && resource.contains("/")) {
            about.add(resource.substring(0, resource.indexOf('/')));
        }
        List<Access> out = new java.util.ArrayList<>(found.size() + 1);
        for (Access a : found) {
            List<String> keys = new java.util.ArrayList<>(about);
            keys.add(a.principal());
            keys.addAll(a.via());
            String why = facts.whyIncomplete(keys);
            out.add(why == null ? a : a.incomplete(why));
        }
        String principalsUnread = facts.incomplete().get(owner);
        if (principalsUnread != null) {
            // the owning account's users and roles are unknown: whatever their own policies allow, they may do
            String root = "arn:aws:iam::" + owner + ":root";
            out.removeIf(a -> a.principal().equals(root) && a.via().isEmpty());
            out.add(new Access(root, "account", dev.gatehouse.api.Verdict.CONDITIONAL, actions.stream().distinct().toList(),
                    List.of("if the policies of account " + owner + "'s principals, which could not be read, allow it"),
                    List.of(), List.of(), owner + ": " + principalsUnread));
        }
        return out;
    }

    /**
     * Why a principal of the facts may not (or only under conditions) perform the action on the resource directly:
     * the statements that deny it and the gates that lack an Allow, in words; empty when it is allowed, or the
     * principal is not in the facts.
     */
    public List<String> whyNot(String principal, String action, String resource) {
        Principal p = facts.principals().get(principal);
        if (p == null) {
            return List.of();
        }
        Decision d = evaluator.evaluate(requests.request(p, action, resource));
        if (d.verdict() == dev.gatehouse.api.Verdict.ALLOWED) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        d.deniedBy().forEach(r -> out.add(action + " denied by " + r.describe()));
        String role = resource.contains(":role/") ? "the trust policy of " + resource : "the resource policy of " + resource;
        for (dev.gatehouse.api.GateRef g : d.missing()) {
            out.add(switch (g.gate()) {
                case "identity" -> action + ": no identity policy of " + principal + " allows it";
                case "resource" -> action + ": " + role + " does not allow it to " + principal
                        + (facts.resources().containsKey(resource) || facts.principals().containsKey(resource) ? "" : " (none in the facts)");
                default -> action + ": no Allow at " + g.describe();
            });
        }
        return out;
    }

    /** The actions a principal can perform, by resource and by service and access level. */
    public List<Access> whatCan(String principal, String service, String resourcePattern, ActionCatalog catalog) {
        return whatCan.whatCan(principal, service, resourcePattern, catalog);
    }

    /**
     * Every principal that can reach the role through one or more role assumptions, with its shortest path;
     * a path through a principal or role whose policies could not all be read is marked {@link AssumePath#incomplete()}.
     */
    public List<AssumePath> whoCanAssume(String role) {
        return roles.whoCanAssume(role).stream().map(this::marked).toList();
    }

    /**
     * Who-can-assume with each path cut after its first hop, marked like {@link #whoCanAssume} (see
     * RoleGraph.firstHopsInto): for the report, which stores each path once.
     */
    List<AssumePath> firstHopsInto(String role) {
        List<AssumePath> out = new java.util.ArrayList<>();
        for (AssumePath p : roles.firstHopsInto(role)) {
            // a row rests on its principal and the first role it assumes (whose own row goes on)
            String first = p.path().get(p.path().size() - 1);
            out.add(marked(p, first.equals(role) ? List.of(p.principal()) : List.of(p.principal(), first), role));
        }
        return out;
    }

    /** The shortest path from one principal to a role, if the rules find that it reaches it. */
    public List<AssumePath> canReach(String from, String to) {
        return roles.canReach(from, to).stream().map(this::marked).toList();
    }

    /**
     * A path rests on the policies of every principal on it but the last, the role reached: of that one only
     * its trust policy bears on who may assume it.
     */
    private AssumePath marked(AssumePath p) {
        String role = p.path().get(p.path().size() - 1);
        return marked(p, p.path().subList(0, p.path().size() - 1), role);
    }

    /** The path marked by the first of {@code restsOn} not all read, else by the role's trust policy if it was not read. */
    private AssumePath marked(AssumePath p, List<String> restsOn, String role) {
        String why = facts.whyIncomplete(restsOn);
        if (why == null && trustUnread(role)) {
            why = facts.whyIncomplete(List.of(role));
        }
        return why == null ? p : p.incomplete(why);
    }

    /** Whether the role's trust policy could not be read (it stands as a possible Allow of anyone). */
    private boolean trustUnread(String role) {
        Principal target = facts.principals().get(role);
        return target != null && target.trust() != null && dev.gatehouse.engine.UnreadablePolicy.isStandIn(target.trust());
    }

    /** Refuses a question about something whose policies could not all be read (see {@link Facts#requireComplete}). */
    public void requireComplete(String key, String question) {
        facts.requireComplete(key, question);
    }

    /** Every decided role assumption that allows (also by services and outsiders), deciding them first if needed. */
    List<AssumeOutcome> assumeOutcomes() {
        return roles.assumeOutcomes();
    }

    /** The decision of "may {@code from} assume {@code to}", or null when it was not asked. */
    Decision assumeDecision(String from, String to) {
        return roles.assumeDecision(from, to);
    }

    /** The class of a principal for questions that no resource policy bears on. */
    String principalClass(Principal p) {
        return classes.principalClass(p);
    }

    /** The account that owns a resource, as every request takes it (see OrgRequests.resourceAccount). */
    public String resourceAccount(String resourceArn) {
        return requests.resourceAccount(resourceArn);
    }

    /** Whether the owner of a resource is known only because the facts hold a single account. */
    public boolean ownerFromSoleAccount(String resourceArn) {
        return requests.owner(resourceArn).fromSoleAccount();
    }

    OrgRequests requests() {
        return requests;
    }

    /** The evaluator every request of these questions goes to (the escalation analysis's too). */
    Evaluator evaluator() {
        return evaluator;
    }
}
