package dev.gatehouse.facts;

/** The user is a member of the group (ARNs). */
public record MemberOf(String user, String group) {
}
