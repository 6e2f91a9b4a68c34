package dev.gatehouse.facts;

import java.util.List;

/** Node {@code granter} can give principal {@code grantee} (an ARN) any permission it likes, by {@code edge}. */
public record CanGrant(String granter, String grantee, String edge, boolean conditional, List<Integer> proofs) {
    public CanGrant {
        proofs = List.copyOf(proofs);
    }
}
