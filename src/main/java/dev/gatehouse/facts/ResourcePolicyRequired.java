package dev.gatehouse.facts;

/** The request needs an Allow in the resource policy even in the same account (trust policies, KMS key policies). */
public record ResourcePolicyRequired(int req, String why) {
}
