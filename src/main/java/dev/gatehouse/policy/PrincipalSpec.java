package dev.gatehouse.policy;

import java.util.List;

/**
 * The {@code Principal} or {@code NotPrincipal} element of a resource-based policy statement.
 * {@code anyone} is {@code "*"} (or {@code {"AWS": "*"}}).
 */
public record PrincipalSpec(boolean anyone, List<String> aws, List<String> service, List<String> federated,
                            List<String> canonicalUser) {
    public PrincipalSpec {
        aws = List.copyOf(aws);
        service = List.copyOf(service);
        federated = List.copyOf(federated);
        canonicalUser = List.copyOf(canonicalUser);
    }

    public static final PrincipalSpec ANYONE = new PrincipalSpec(true, List.of(), List.of(), List.of(), List.of());
}
