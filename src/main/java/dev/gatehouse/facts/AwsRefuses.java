package dev.gatehouse.facts;

/** A request AWS refuses whatever the policies say, with the reason in words (rules/decision/05-no-permission-needed.drl). */
public record AwsRefuses(int req, String reason) {
}
