package dev.gatehouse.facts;

/** Present only in the session that looks for privilege escalation: it brings the service recipes in. */
public record EscalationAnalysis() {
}
