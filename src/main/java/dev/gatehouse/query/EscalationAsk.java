package dev.gatehouse.query;

import dev.gatehouse.facts.Request;
import java.util.List;

/** A question for one class of nodes: an action on one class of targets, asked once for all of them. */
record EscalationAsk(List<String> nodes, String action, List<String> targets, String qualifier, Request request) {
}
