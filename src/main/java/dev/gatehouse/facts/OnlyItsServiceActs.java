package dev.gatehouse.facts;

/** A node that only an AWS service can act as (a service-linked role): no escalation starts from it. */
public record OnlyItsServiceActs(String node) {
}
