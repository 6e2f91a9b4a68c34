package dev.gatehouse.policy;

/** What a policy is used as; decides which elements its grammar requires or forbids. */
public enum PolicyKind {
    IDENTITY("identity policy", false),
    BOUNDARY("permissions boundary", false),
    SESSION("session policy", false),
    SCP("service control policy", false),
    RESOURCE("resource-based policy", true),
    RCP("resource control policy", true);

    private final String title;
    private final boolean principalRequired;

    PolicyKind(String title, boolean principalRequired) {
        this.title = title;
        this.principalRequired = principalRequired;
    }

    public String title() {
        return title;
    }

    /** Resource-based and resource control policies name a principal; the others must not. */
    public boolean principalRequired() {
        return principalRequired;
    }
}
