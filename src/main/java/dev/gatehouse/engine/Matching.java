package dev.gatehouse.engine;

import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.facts.Certainty;
import dev.gatehouse.facts.Gate;
import dev.gatehouse.facts.Position;
import dev.gatehouse.facts.Request;
import dev.gatehouse.facts.StatementMatch;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Condition;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Glob;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PrincipalSpec;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.Tri;
import dev.gatehouse.policy.Variables;
import java.util.ArrayList;
import java.util.List;

/**
 * Primitive matching called from the rules: whether a statement's Action, Resource, Principal and
 * Condition elements hold for a request (semantics.md §4). It decides nothing about gates; the rules do.
 */
public final class Matching {
    private Matching() {
    }

    /** The statements of the policies standing at a gate (level) that match the request. */
    public static List<StatementMatch> matches(Request r, Gate gate, int level, String levelName, List<Policy> policies) {
        List<StatementMatch> out = null;
        for (Policy p : policies) {
            out = matches(r, gate, level, levelName, p, out);
        }
        return out == null ? List.of() : out;
    }

    /** The statements of one policy standing at a gate that match the request. */
    public static List<StatementMatch> matches(Request r, Gate gate, int level, String levelName, Policy p) {
        List<StatementMatch> out = matches(r, gate, level, levelName, p, null);
        return out == null ? List.of() : out;
    }

    private static List<StatementMatch> matches(Request r, Gate gate, int level, String levelName, Policy p,
                                                List<StatementMatch> out) {
        if (p == null) {
            return out;
        }
        boolean everything = r.actionLower().equals("*");
        for (Statement s : p.statements()) {
            if (!s.coversAction(r.actionLower())) {
                continue;
            }
            // the request for every action on every resource: only a statement that covers everything speaks for it
            if (everything && !s.coversEverything()) {
                continue;
            }
            int position = Position.SESSION;
            // what the Principal names of the caller only perhaps: the condition it rests on, in words
            String perhaps = null;
            if (s.principal() != null) {
                position = principalPosition(s, r);
                if (position == Position.NONE && !s.notPrincipal() && r.context().isOpen()) {
                    // asked as a role with what is not given unknown (Discovery mode, organization questions), the
                    // caller is some session of it: one the statement names, if so named
                    String sessionName = namedSessionOf(s.principal(), r.caller());
                    if (sessionName != null) {
                        position = Position.SESSION;
                        perhaps = "the role session is named `" + sessionName + "`";
                    }
                }
                if (position == Position.NONE && !s.notPrincipal()) {
                    // a federated user session whose creator the request does not name: perhaps the user named here
                    String federator = namedFederatorOf(s.principal(), r.caller());
                    if (federator != null) {
                        position = Position.USER;
                        perhaps = "the federated user session was created by `" + federator + "` (GetFederationToken)";
                    }
                }
                if (position == Position.NONE) {
                    continue;
                }
            }
            Tri res = resourceMatches(s, p, r);
            if (res == Tri.FALSE) {
                continue;
            }
            List<String> residual = List.of();
            Tri cond = res;
            if (res == Tri.UNKNOWN) {
                residual = new ArrayList<>(List.of(r.resourcePattern()
                        ? "the resource (some resource matching `" + r.resource() + "`) matches " + (s.notResource() ? "none of " : "")
                                + s.resources().stream().map(x -> "`" + x + "`").collect(java.util.stream.Collectors.joining(", "))
                        : "Resource " + s.resources()));
            }
            if (perhaps != null) {
                residual = new ArrayList<>(residual);
                residual.add(perhaps);
                cond = Tri.UNKNOWN;
            }
            for (Condition c : s.conditions()) {
                Tri t = c.evaluate(r.context());
                if (t == Tri.FALSE) {
                    cond = Tri.FALSE;
                    break;
                }
                if (t == Tri.UNKNOWN) {
                    if (residual.isEmpty()) {
                        residual = new ArrayList<>();
                    }
                    residual.add(c.describe());
                    cond = Tri.UNKNOWN;
                }
            }
            if (cond == Tri.FALSE) {
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(2);
            }
            out.add(new StatementMatch(r.id(), gate, level, levelName, p.id(), p.name(), s.index(),
                    s.sid(), s.effect(), position, cond == Tri.TRUE ? Certainty.CERTAIN : Certainty.POSSIBLE,
                    residual));
        }
        return out;
    }

    /**
     * Whether the Resource (or NotResource) element covers the request's resource. A request for a resource that is
     * itself a pattern ({@code *}, {@code arn:aws:s3:::bucket/*}) asks about some resource it matches: a statement
     * pattern that covers all of them covers it, one that covers some leaves it UNKNOWN (Conditional on the resource).
     */
    static Tri resourceMatches(Statement s, Policy p, Request r) {
        if (r.resourcePattern()) {
            return patternResourceMatches(s, p, r);
        }
        boolean unknown = false;
        boolean listed = false;
        for (String pattern : s.resources()) {
            if (pattern.equals("*")) {
                listed = true;
                break;
            }
            if (p.variablesEnabled() && Variables.hasVariable(pattern)) {
                Variables.Resolved v = Variables.resolve(pattern, r.context());
                if (v.unknown()) {
                    unknown = true;
                    continue;
                }
                for (String alt : v.alternatives()) {
                    if (Arn.matchesPattern(alt, r.resource())) {
                        listed = true;
                        break;
                    }
                }
                if (listed) {
                    break;
                }
            } else if (Arn.matchesPattern(pattern, r.resource())) {
                listed = true;
                break;
            }
        }
        if (listed) {
            return Tri.of(!s.notResource());
        }
        return unknown ? Tri.UNKNOWN : Tri.of(s.notResource());
    }

    private static Tri patternResourceMatches(Statement s, Policy p, Request r) {
        Tri listed = Tri.FALSE;
        for (String pattern : s.resources()) {
            List<String> alternatives = List.of(pattern);
            if (p.variablesEnabled() && Variables.hasVariable(pattern)) {
                Variables.Resolved v = Variables.resolve(pattern, r.context());
                if (v.unknown()) {
                    listed = Tri.UNKNOWN;
                    continue;
                }
                alternatives = v.alternatives();
            }
            for (String alt : alternatives) {
                Tri t = Arn.patternMeets(alt, r.resource());
                if (t == Tri.TRUE) {
                    return Tri.of(!s.notResource());
                }
                if (t == Tri.UNKNOWN) {
                    listed = Tri.UNKNOWN;
                }
            }
        }
        return listed == Tri.UNKNOWN ? Tri.UNKNOWN : Tri.of(s.notResource());
    }

    /**
     * The position at which a statement's Principal names the caller, or NONE. A NotPrincipal statement
     * applies (at the session position) to every caller it does not exempt, and a Deny with NotPrincipal
     * always applies to a caller with a permissions boundary.
     */
    static int principalPosition(Statement s, Request r) {
        if (!s.notPrincipal()) {
            return named(s.principal(), r.caller());
        }
        if (s.effect() == Effect.DENY && r.policies().hasBoundary()) {
            return Position.SESSION;
        }
        return exempt(s.principal(), r.caller()) ? Position.NONE : Position.SESSION;
    }

    /**
     * Whether a NotPrincipal element exempts the caller. AWS checks the caller's account, then its
     * user, or its role and then its session: the account must be listed, and so must the user (for a
     * user), the role or the session (for a role session), or the federated user (for a federated
     * session). A service principal is exempt when listed; an anonymous caller only through {@code *}.
     */
    static boolean exempt(PrincipalSpec spec, Caller c) {
        if (spec == null) {
            return false;
        }
        if (spec.anyone()) {
            return true;
        }
        if (c.kind() == CallerKind.SERVICE) {
            return spec.service().stream().anyMatch(x -> x.equalsIgnoreCase(c.arn()));
        }
        if (!c.kind().isAccountPrincipal()) {
            return false;
        }
        boolean account = false;
        boolean specific = c.kind() == CallerKind.ROOT;
        for (String aws : spec.aws()) {
            int p = awsPosition(aws, c);
            if (p == Position.ACCOUNT) {
                account = true;
            } else if (p > Position.ACCOUNT) {
                specific = true;
            }
        }
        return account && specific;
    }

    /** The right-most position at which a Principal element names the caller; NONE when it does not. */
    public static int named(PrincipalSpec spec, Caller c) {
        if (spec == null) {
            return Position.NONE;
        }
        if (spec.anyone()) {
            return Position.SESSION;
        }
        int best = Position.NONE;
        if (c.kind() == CallerKind.SERVICE) {
            for (String svc : spec.service()) {
                if (svc.equalsIgnoreCase(c.arn())) {
                    return Position.SESSION;
                }
            }
            return Position.NONE;
        }
        for (String f : spec.federated()) {
            if (f.equals(c.arn())) {
                return Position.SESSION;
            }
        }
        if (!c.kind().isAccountPrincipal()) {
            return Position.NONE;
        }
        for (String aws : spec.aws()) {
            best = Math.max(best, awsPosition(aws, c));
        }
        return best;
    }

    /**
     * The session name a Principal names of the caller's role, when the caller is the role itself (some
     * session of it, name unknown: a question about a role, not about one session — asked in an open context;
     * in Strict mode a role ARN is a session named by nothing, as before): {@code s1} for
     * {@code arn:aws:sts::111111111111:assumed-role/AppRole/s1}; null when it names none.
     */
    static String namedSessionOf(dev.gatehouse.policy.PrincipalSpec spec, Caller c) {
        if (c.kind() != CallerKind.ROLE_SESSION || c.roleArn() == null || !c.arn().equals(c.roleArn())) {
            return null;
        }
        for (String aws : spec.aws()) {
            Arn a = Arn.parse(aws).orElse(null);
            if (a != null && a.service().equals("sts") && a.account().equals(c.account()) && a.resource().startsWith("assumed-role/")) {
                String[] parts = a.resource().split("/", 3);
                if (parts.length == 3 && parts[1].equals(c.roleName())) {
                    return parts[2];
                }
            }
        }
        return null;
    }

    /**
     * The IAM user of the caller's account a Principal names, when the caller is a federated user session whose
     * creator the request does not give (its ARN does not say which user called GetFederationToken); null otherwise.
     */
    static String namedFederatorOf(PrincipalSpec spec, Caller c) {
        if (c.kind() != CallerKind.FEDERATED_USER || c.federatedBy() != null || spec == null) {
            return null;
        }
        for (String aws : spec.aws()) {
            Arn a = Arn.parse(aws).orElse(null);
            if (a != null && a.service().equals("iam") && a.account().equals(c.account()) && a.resourceType().equals("user")) {
                return aws;
            }
        }
        return null;
    }

    private static int awsPosition(String aws, Caller c) {
        if (aws.length() == 12 && aws.chars().allMatch(Character::isDigit)) {
            return aws.equals(c.account()) ? Position.ACCOUNT : Position.NONE;
        }
        Arn a = Arn.parse(aws).orElse(null);
        if (a == null) {
            return Position.NONE; // a unique id left by a deleted principal names nobody
        }
        if (!a.account().equals(c.account())) {
            return Position.NONE;
        }
        if (a.service().equals("iam")) {
            if (a.resource().equals("root")) {
                return Position.ACCOUNT;
            }
            String type = a.resourceType();
            if (type.equals("role") && c.kind() == CallerKind.ROLE_SESSION && c.roleName() != null
                    && a.resourceName().equals(c.roleName())) {
                return Position.ROLE;
            }
            if (type.equals("user") && c.kind() == CallerKind.USER && aws.equals(c.arn())) {
                return Position.USER;
            }
            // a federated user session sits below the IAM user that created it (semantics.md §3.3; IAM User Guide,
            // "Session policies": a resource policy naming that user is limited by the session policy alone)
            if (type.equals("user") && c.kind() == CallerKind.FEDERATED_USER && aws.equals(c.federatedBy())) {
                return Position.USER;
            }
            return Position.NONE;
        }
        if (a.service().equals("sts") && aws.equals(c.arn())) {
            return Position.SESSION;
        }
        return Position.NONE;
    }
}
