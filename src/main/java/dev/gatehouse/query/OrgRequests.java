package dev.gatehouse.query;

import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.engine.ExternalSide;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.facts.OrgLevel;
import dev.gatehouse.facts.PolicySet;
import dev.gatehouse.facts.Request;
import dev.gatehouse.load.Callers;
import dev.gatehouse.load.Requests;
import dev.gatehouse.load.RcpServices;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Organization;
import dev.gatehouse.org.Principal;
import dev.gatehouse.org.Resource;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.api.InputException;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyParser;
import dev.gatehouse.api.Problem;
import dev.gatehouse.policy.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the requests of an open question (who can, what can) from the facts: the caller's policies,
 * the resource's policy, the SCP levels of the caller's account and the RCP levels of the resource's,
 * and a context in which what the facts say about principal and resource is known and everything about
 * the call (source IP, MFA, time, …) is unknown.
 */
public final class OrgRequests {

    private static final Set<String> KNOWN_ABSENT = Set.of("aws:username", "aws:principalorgid",
            "aws:principalorgpaths", "aws:resourceorgid", "aws:resourceorgpaths", "aws:principaltag/",
            "aws:principalisawsservice", "aws:principalservicename", "aws:principaltype", "aws:principalaccount",
            "aws:principalarn");

    /** What is unknown of any principal of any account: who and where it is. */
    private static final Set<String> ANY_PRINCIPAL_UNKNOWN = Set.of("aws:username", "aws:principalorgid", "aws:principalorgpaths",
            "aws:principaltag/", "aws:principaltype", "aws:principalaccount", "aws:principalarn");

    private final Facts facts;
    /** The synthetic identity side of callers outside the facts, by account (engine.ExternalSide). */
    private final Map<String, Policy> externalSides = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger nextId = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param fixed  condition keys of the call fixed for every request (the time, --context keys)
     * @param owners the owning account of resources outside the facts whose ARN names none, by ARN
     */
    public OrgRequests(Facts facts, Map<String, List<String>> fixed, Map<String, String> owners) {
        this.facts = facts;
        this.fixedContext = Map.copyOf(fixed);
        this.fixedKeys = fixed.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.ownerOverrides = Map.copyOf(owners);
        this.soleAccount = facts.soleAccount();
    }

    /** The resource of the facts that carries the policy for an ARN (an S3 object's bucket, a KMS key in any region). */
    public Resource resource(String arn) {
        Resource r = facts.resources().get(arn);
        if (r != null) {
            return r;
        }
        Arn a = Arn.parse(arn).orElse(null);
        if (a == null) {
            return null;
        }
        if (a.service().equals("s3") && a.resource().contains("/")) {
            return facts.resources().get("arn:" + a.partition() + ":s3:::" + a.resource().substring(0, a.resource().indexOf('/')));
        }
        if (a.service().equals("kms")) {
            return facts.resources().get("arn:" + a.partition() + ":kms:*:" + a.account() + ":" + a.resource());
        }
        return null;
    }

    private final Map<String, String> ownerOverrides;

    private final Map<String, List<String>> fixedContext;

    /** The keys --context fixes (lower case): the caller's, judged against the action; the others of a request Gatehouse wrote. */
    private final java.util.Set<String> fixedKeys;
    /** The one account of single-account facts, or null (computed once: resourceAccount runs for every request). */
    private final String soleAccount;

    /** The account that owns a resource: from the facts, else from its ARN. */
    public String resourceAccount(String arn) {
        return owner(arn).account();
    }

    /** Who owns a resource, and whether only because the facts hold a single account. */
    public record Owner(String account, boolean fromSoleAccount) {
    }

    /** The owner of a resource: from --resource-account, the facts, its ARN, or the one account of single-account facts. */
    public Owner owner(String arn) {
        if (ownerOverrides.containsKey(arn)) {
            return new Owner(ownerOverrides.get(arn), false);
        }
        Resource r = resource(arn);
        if (r != null && r.account() != null) {
            return new Owner(r.account(), false);
        }
        Arn a = Arn.parse(arn).orElse(null);
        if (a != null && a.account().matches("\\d{12}")) {
            return new Owner(a.account(), false);
        }
        if (soleAccount != null) {
            // the facts hold one account: a resource whose ARN names none is taken as its (the CLI says so)
            return new Owner(soleAccount, true);
        }
        List<String> near = facts.nearResources(arn);
        throw new InputException(new Problem(ProblemCode.NOT_IN_FACTS, "", "", "the resource `" + arn + "` is not in the facts and its ARN "
                + "names no account" + (near.isEmpty() ? "; give --resource-account or add it to accounts/<id>/resources.json"
                : dev.gatehouse.policy.Suggest.didYouMean(near) + " (for a resource the facts do not hold, give --resource-account)")));
    }

    public static Caller caller(Principal p) {
        return Callers.parse(p.arn(), null);
    }

    /** A request by a principal of the facts (a role asks as a session of itself, without session policy). */
    public Request request(Principal p, String action, String resourceArn) {
        return request(p, action, resourceArn, Map.of());
    }

    /** A request by a principal of the facts with some condition keys of the call known ({@code iam:PassedToService}). */
    public Request request(Principal p, String action, String resourceArn, Map<String, List<String>> known) {
        Organization org = facts.organization();
        List<OrgLevel> scps = org == null ? List.of() : org.scpLevels(p.account());
        List<Policy> boundary = p.boundary() == null ? List.of() : List.of(p.boundary());
        return build(caller(p), p.policies(), boundary, scps, action, resourceArn, p.tags(), null, known);
    }

    /**
     * The request "may the principal assume the role" once the role's trust policy is rewritten to name the
     * principal itself (what iam:UpdateAssumeRolePolicy lets it do): the trust stands at the resource gate,
     * everything else (SCPs, denies) as in the facts.
     */
    public Request assumeUnderOwnTrust(Principal p, String roleArn) {
        Request r = request(p, "sts:AssumeRole", roleArn);
        Policy trust = PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Rewritten\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + Json.mapper().getNodeFactory().textNode(p.arn())
                + "},\"Action\":\"sts:AssumeRole\"}]}", "builtin"), PolicyKind.RESOURCE, roleArn + "#rewritten-trust",
                "trust policy as rewritten", "builtin", "").orThrow();
        PolicySet ps = r.policies();
        return Requests.request(r.id(), r.name() + " (under the trust policy it wrote)", r.caller(), r.action(), r.resource(),
                r.resourceAccount(), r.context(), new PolicySet(ps.identity(), ps.boundary(), ps.session(), trust, ps.scpLevels(),
                ps.rcpLevels()));
    }

    /**
     * A request on a resource pattern a principal's own statement names ({@code arn:aws:s3:::logs-*},
     * {@code *}): the pattern stands for the resources it covers, in the given account.
     */
    public Request requestOnPattern(Principal p, String action, String pattern, String account) {
        Organization org = facts.organization();
        List<OrgLevel> scps = org == null ? List.of() : org.scpLevels(p.account());
        List<Policy> boundary = p.boundary() == null ? List.of() : List.of(p.boundary());
        return build(caller(p), p.policies(), boundary, scps, action, pattern, p.tags(), account, Map.of());
    }

    /**
     * A request by a caller outside the facts: an account's root (its own side allows), a service, the
     * public, or a named principal of another account whose own policies are unknown.
     */
    public Request external(Caller c, String action, String resourceArn) {
        List<Policy> identity = c.kind().isIdentityBased() ? List.of(externalSide(c.account())) : List.of();
        return build(c, identity, List.of(), List.of(), action, resourceArn, null, null, Map.of());
    }

    /** An Allow of everything on the condition that the outside account's own policies allow it (ExternalSide). */
    private Policy externalSide(String account) {
        return externalSides.computeIfAbsent(account, a -> PolicyParser.parse(Json.parse("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\""
                + ExternalSide.KEY + "\":\"true\"}}}]}", "builtin"), PolicyKind.IDENTITY, ExternalSide.policyId(a),
                ExternalSide.policyName(a), "builtin", "").orThrow());
    }

    private Request build(Caller c, List<Policy> identity, List<Policy> boundary, List<OrgLevel> scps, String action,
                          String resourceArn, Map<String, String> principalTags, String account,
                          Map<String, List<String>> known) {
        Organization org = facts.organization();
        Resource res = account == null ? resource(resourceArn) : null;
        String resourceAccount = account == null ? resourceAccount(resourceArn) : account;
        List<OrgLevel> rcps = org == null ? List.of() : org.rcpLevels(resourceAccount);
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        // any principal of any account: what the facts would say of it is unknown, not absent
        boolean anyPrincipal = c.arn().equals(Callers.ANY_PRINCIPAL);
        if (!anyPrincipal) {
            ctx.putAll(Requests.principalKeys(c));
        }
        if (c.kind().isAccountPrincipal() && org != null && org.contains(c.account())) {
            ctx.put("aws:PrincipalOrgID", List.of(org.id()));
            ctx.put("aws:PrincipalOrgPaths", List.of(org.orgPath(c.account())));
        }
        if (principalTags != null) {
            principalTags.forEach((k, v) -> ctx.put("aws:PrincipalTag/" + k, List.of(v)));
        }
        ctx.putAll(Requests.resourceKeys(action, resourceAccount));
        if (org != null && org.contains(resourceAccount)) {
            ctx.put("aws:ResourceOrgID", List.of(org.id()));
            ctx.put("aws:ResourceOrgPaths", List.of(org.orgPath(resourceAccount)));
        }
        fixedContext.forEach(ctx::put);
        java.util.Set<String> absent = new java.util.HashSet<>(KNOWN_ABSENT);
        if (anyPrincipal) {
            absent.removeAll(ANY_PRINCIPAL_UNKNOWN);
            ctx.put("aws:PrincipalIsAWSService", List.of("false"));
        }
        // a known key with no value is known to be absent (a target without a permissions boundary)
        known.forEach((k, v) -> {
            if (v.isEmpty()) {
                absent.add(k.toLowerCase(Locale.ROOT));
            } else {
                ctx.put(k, v);
            }
        });
        if (res != null) {
            res.tags().forEach((k, v) -> ctx.put("aws:ResourceTag/" + k, List.of(v)));
            absent.add("aws:resourcetag/");
        }
        if (c.kind().isIdentityBased() && principalTags == null) {
            absent.remove("aws:principaltag/");
        }
        PolicySet set = new PolicySet(identity, boundary, List.of(), res == null ? null : res.policy(), scps, rcps);
        return Requests.request(nextId.getAndIncrement(), c.arn() + " " + action + " " + resourceArn, c, action, resourceArn,
                resourceAccount, RequestContext.open(ctx, absent).givenByCaller(fixedKeys), set);
    }
}
