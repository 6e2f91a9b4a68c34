package dev.gatehouse.policy;

import java.util.List;

/**
 * A parsed policy document. {@code id} identifies this policy within one evaluation (equality and
 * hashing use it alone); {@code name} is what a reader sees; {@code version} is the policy language
 * version (policy variables resolve only under 2012-10-17).
 */
public record Policy(String id, String name, String version, List<Statement> statements) {
    public Policy {
        statements = List.copyOf(statements);
    }

    public boolean variablesEnabled() {
        return "2012-10-17".equals(version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy p && p.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
