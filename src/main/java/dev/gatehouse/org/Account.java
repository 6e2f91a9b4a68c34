package dev.gatehouse.org;

import java.util.List;

/** An account of the organization: its id, name, and the path from the root through its OUs ({@code r-…, ou-…}). */
public record Account(String id, String name, List<String> parents) {
    public Account {
        parents = List.copyOf(parents);
    }
}
