package dev.gatehouse.org;

import dev.gatehouse.policy.Problem;
import java.util.List;
import java.util.Map;

/**
 * Everything loaded from a facts directory: the organization (or null), the principals and resources by
 * ARN, the problems found while loading, and which files were loaded or skipped.
 */
public record Facts(Organization organization, Map<String, Principal> principals, Map<String, Resource> resources,
                    List<Problem> problems, List<String> loaded, List<String> skipped) {
    public Facts {
        principals = Map.copyOf(principals);
        resources = Map.copyOf(resources);
        problems = List.copyOf(problems);
        loaded = List.copyOf(loaded);
        skipped = List.copyOf(skipped);
    }

    /** One line: {@code 5 files loaded, 1 skipped: …}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(loaded.size()).append(loaded.size() == 1 ? " file" : " files").append(" loaded");
        if (!skipped.isEmpty()) {
            sb.append(", ").append(skipped.size()).append(" skipped: ").append(String.join(", ", skipped));
        }
        sb.append("; ").append(principals.size()).append(" principals, ").append(resources.size()).append(" resources");
        if (!problems.isEmpty()) {
            sb.append("; ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        }
        return sb.toString();
    }
}
