package dev.gatehouse.facts;

/** A request AWS allows whatever the policies say, with the reason in words (rules/decision/05-no-permission-needed.drl). */
public record NoPermissionNeeded(int req, String reason) {
}
