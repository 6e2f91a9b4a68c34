package dev.gatehouse.facts;

/**
 * A request an escalation edge rests on, declared by the rules (rules/escalation/05-edge-requests.drl):
 * the action, which targets of the principal's account it is asked of, the edge it makes, and what an
 * IAM export cannot show about it ({@code note}, empty when nothing). The analysis asks exactly these
 * requests (and the recipes' actions); the edge rules read them, so an action is named in one place.
 */
public record EdgeRequest(String action, Target target, Edge edge, String note) {
    /** The targets a request is asked of, in the asking principal's account. */
    public enum Target {
        USERS, ROLES, GROUPS,
        /** the groups a user could join: asked by users only */
        GROUPS_TO_JOIN,
        MANAGED_POLICIES,
        /** the roles whose trust policy the principal may rewrite, asked under the trust it would write */
        ROLES_UNDER_OWN_TRUST,
        /** the roles of the account that a recipe's service may assume, asked with iam:PassedToService = the service */
        SERVICE_ROLES
    }

    /** What the decided request lets the principal do. */
    public enum Edge {
        /** attach or put any policy on a user or role */
        GRANT_TO_PRINCIPAL,
        /** attach or put any policy on a group, for its members */
        GRANT_TO_GROUP,
        /** write a new default version of a managed policy, for whoever it is attached to */
        NEW_POLICY_VERSION,
        /** add itself to a group */
        JOIN_GROUP,
        /** switch a managed policy to another stored version */
        SWITCH_POLICY_VERSION,
        /** sign in as another user: an access key or a console password */
        CREDENTIALS,
        /** rewrite a role's trust policy */
        REWRITE_TRUST,
        /** assume the role under the trust policy it wrote */
        ASSUME_UNDER_OWN_TRUST,
        /** pass a role to a service that runs code as it (with the steps of a recipe) */
        PASS_ROLE
    }

    public EdgeRequest {
        note = note == null ? "" : note;
    }
}
