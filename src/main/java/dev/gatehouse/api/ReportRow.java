package dev.gatehouse.api;

import java.util.List;

/** One line: who has which kind of access to which resource, how, and under which conditions. */
public record ReportRow(String resource, String access, String principal, String type, Verdict decision,
                  List<String> actions, List<String> via, List<String> conditions) {
}
