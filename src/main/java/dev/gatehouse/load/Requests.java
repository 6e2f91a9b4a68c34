package dev.gatehouse.load;

import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.CallerKind;
import dev.gatehouse.facts.PolicySet;
import dev.gatehouse.facts.Request;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one factory of requests, for request cases and organization questions alike: the condition keys
 * the principal determines, and a request with its action and resource taken apart.
 */
public final class Requests {
    /** The keys {@link #principalKeys} may give: in Discovery mode those a principal's kind rules out are absent, not unknown. */
    public static final List<String> PRINCIPAL_KEYS = List.of("aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType",
            "aws:username", "aws:PrincipalIsAWSService", "aws:PrincipalServiceName");

    private Requests() {
    }

    /**
     * The condition keys the principal determines (semantics.md §5): aws:PrincipalArn (a role session's is its
     * role's ARN), aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users), aws:PrincipalIsAWSService,
     * aws:PrincipalServiceName (services). Keys that do not apply to the caller's kind are left out.
     */
    public static Map<String, List<String>> principalKeys(Caller c) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        put(out, "aws:PrincipalArn", Callers.principalArn(c));
        put(out, "aws:PrincipalAccount", c.account().isEmpty() ? null : c.account());
        put(out, "aws:PrincipalType", c.kind() == CallerKind.ANONYMOUS ? null : Callers.principalType(c));
        put(out, "aws:username", c.kind() == CallerKind.USER ? c.userName() : null);
        put(out, "aws:PrincipalIsAWSService", c.kind() == CallerKind.SERVICE ? "true" : c.kind() == CallerKind.ANONYMOUS ? null : "false");
        put(out, "aws:PrincipalServiceName", c.kind() == CallerKind.SERVICE ? c.arn() : null);
        return out;
    }

    /**
     * The condition keys the resource's owner determines: aws:ResourceAccount, and for S3 actions
     * s3:ResourceAccount (S3 User Guide, "Condition key examples": the account that owns the bucket).
     */
    public static Map<String, List<String>> resourceKeys(String action, String resourceAccount) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        put(out, "aws:ResourceAccount", resourceAccount);
        if (action != null && action.regionMatches(true, 0, "s3:", 0, 3)) {
            put(out, "s3:ResourceAccount", resourceAccount);
        }
        return out;
    }

    private static void put(Map<String, List<String>> m, String key, String value) {
        if (value != null) {
            m.put(key, List.of(value));
        }
    }

    /**
     * A request: the action's lower-case form and service ({@code *}, the request for every action, is of every
     * service), the resource's service and type from its ARN, whether the service is governed by RCPs, and whether
     * the resource is a pattern (see {@link #isPattern}; {@code ${*}} and {@code ${?}} in it are a literal star and
     * question mark, as in policies).
     */
    public static Request request(int id, String name, Caller caller, String action, String resource, String resourceAccount,
                                  RequestContext context, PolicySet policies) {
        boolean pattern = resource != null && isPattern(action, resource.replace("${*}", "").replace("${?}", ""));
        if (resource != null && resource.contains("${")) {
            resource = pattern ? resource.replace("${*}", String.valueOf(dev.gatehouse.policy.Variables.LITERAL_STAR))
                    .replace("${?}", String.valueOf(dev.gatehouse.policy.Variables.LITERAL_QUESTION))
                    : resource.replace("${*}", "*").replace("${?}", "?");
        }
        String actionLower = action.toLowerCase(Locale.ROOT);
        String service = actionLower.indexOf(':') < 0 ? "*" : actionLower.substring(0, actionLower.indexOf(':'));
        String resourceService = "";
        String resourceType = "";
        Arn ra = resource == null ? null : Arn.parse(resource).orElse(null);
        if (ra != null) {
            resourceService = ra.service().toLowerCase(Locale.ROOT);
            resourceType = ra.resourceType();
        }
        return new Request(id, name, caller, action, actionLower, service, resource, resourceAccount, resourceService,
                resourceType, service.equals("*") || RcpServices.supports(service), context.forAction(action), policies, pattern);
    }

    /**
     * Whether a request's resource is a pattern, asking about some resource it matches: it holds {@code *} or
     * {@code ?} — except {@code *} alone for an action that names no resource type in the action catalog
     * (s3:ListAllMyBuckets takes only {@code *}, so there it is the resource itself).
     */
    public static boolean isPattern(String action, String resource) {
        if (resource.equals("*")) {
            return !action.equals("*") && dev.gatehouse.policy.ActionCatalog.shipped().takesResources(action);
        }
        return dev.gatehouse.policy.Glob.isPattern(resource);
    }
}
