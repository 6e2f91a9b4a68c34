package dev.gatehouse.api;

/** How far who-can looks for a principal's way to the access. */
public enum Reach {
    /** Only principals whose own session is allowed. */
    DIRECT,
    /** Also principals that reach the access by assuming one or more roles ({@link Access#via()}). */
    THROUGH_ROLES,
    /** Also principals that reach it by privilege escalation (a policy change, a new access key, a passed role, …). */
    THROUGH_ESCALATION
}
