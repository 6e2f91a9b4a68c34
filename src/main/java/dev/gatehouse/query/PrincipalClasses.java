package dev.gatehouse.query;

import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.policy.Arn;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Principal classing: principals that no policy can tell apart — same account, kind, policies (by name and
 * content), boundary, and tags where a policy reads them, and nothing that names them apart — get the same
 * answer to every request, so each question asks one principal of each class.
 */
final class PrincipalClasses {
    private final Facts facts;

    PrincipalClasses(Facts facts) {
        this.facts = facts;
    }

    private final Map<String, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Reads> principalReads = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> baseKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Set<String>> specificNames = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Principals of one class get the same answer to every request on this resource: same account, kind,
     * policies (by content), boundary and tags, and nothing that names them apart — the key holds the
     * ARN when the resource policy names the principal itself or a policy in force reads a key or
     * variable that differs between principals (aws:PrincipalArn, aws:username, aws:userid, ${…}).
     */
    String classKey(Principal p, Policy rp) {
        return classKey(p, sensitive(rp), namedSpecifically(rp), readsTags(rp));
    }

    private String classKey(Principal p, boolean rpSensitive, Set<String> specific) {
        return classKey(p, rpSensitive, specific, false);
    }

    /** {@code rpReadsTags}: the resource policy reads principal tags, so principals with other tags answer apart. */
    String classKey(Principal p, boolean rpSensitive, Set<String> specific, boolean rpReadsTags) {
        if (rpSensitive || specific.contains(p.arn())
                || (p.kind() == Principal.Kind.ROLE && specific.contains(p.account() + ":role:" + p.name()))) {
            return p.arn();
        }
        String k = baseKeys.computeIfAbsent(p.arn(), x -> baseKey(p));
        return rpReadsTags && !k.equals(p.arn()) && !k.endsWith("|tags") ? k + "|" + new java.util.TreeMap<>(p.tags()) : k;
    }

    boolean readsTags(Policy p) {
        return p != null && reads(p).principalTags();
    }

    /** The principals a resource policy names one by one (users by ARN, roles by account and name), as trustKey gives them. */
    Set<String> namedSpecifically(Policy rp) {
        if (rp == null) {
            return Set.of();
        }
        return specificNames.computeIfAbsent(rp.id(), k -> specificNamesOf(rp));
    }

    private static Set<String> specificNamesOf(Policy rp) {
        Set<String> out = new java.util.HashSet<>();
        for (Statement st : rp.statements()) {
            if (st.principal() != null) {
                for (String aws : st.principal().aws()) {
                    out.add(trustKey(aws));
                }
            }
        }
        return out;
    }

    /** The part of a principal's class that does not depend on the resource: its own policies, tags and org. */
    private String baseKey(Principal p) {
        boolean sensitive = p.boundary() != null && sensitive(p.boundary());
        boolean tags = readsTags(p.boundary());
        for (Policy pol : p.policies()) {
            sensitive |= sensitive(pol);
            tags |= readsTags(pol);
        }
        if (facts.organization() != null) {
            for (var level : facts.organization().scpLevels(p.account())) {
                for (Policy pol : level.policies()) {
                    sensitive |= sensitive(pol);
                    tags |= readsTags(pol);
                }
            }
            for (List<Policy> rcps : facts.organization().rcps().values()) {
                for (Policy pol : rcps) {
                    sensitive |= sensitive(pol);
                    tags |= readsTags(pol);
                }
            }
        }
        if (sensitive) {
            return p.arn();
        }
        StringBuilder k = new StringBuilder().append(p.account()).append('|').append(p.kind()).append('|');
        p.policies().stream().map(this::fingerprint).sorted().forEach(f -> k.append(f).append(';'));
        k.append('|').append(p.boundary() == null ? "" : fingerprint(p.boundary()));
        // principal tags set principals apart only where a policy reads them
        if (tags) {
            k.append('|').append(new java.util.TreeMap<>(p.tags())).append("|tags");
        }
        return k.toString();
    }

    /** A policy by name and content: principals that share a class share their proofs too, so names count. */
    private String fingerprint(Policy p) {
        return fingerprints.computeIfAbsent(p.id(), k -> {
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(
                        (p.name() + "\n" + p.version() + "\n" + p.statements()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(h);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    boolean sensitive(Policy p) {
        return p != null && reads(p).principalKeys();
    }

    /** What a policy reads of the principal: keys or variables that differ between principals, and principal tags. */
    private record Reads(boolean principalKeys, boolean principalTags) {
    }

    private Reads reads(Policy p) {
        return principalReads.computeIfAbsent(p.id(), k -> {
            String text = p.statements().toString().toLowerCase(Locale.ROOT);
            return new Reads(text.contains("${") || text.contains("aws:principalarn") || text.contains("aws:username")
                    || text.contains("aws:userid") || text.contains("aws:sourceidentity") || text.contains("aws:rolesessionname"),
                    text.contains("principaltag"));
        });
    }

    /** The class of a principal for questions that no resource policy bears on: its ARN when its policies read per-principal keys. */
    String principalClass(Principal p) {
        return classKey(p, false, Set.of());
    }

    /** How a trust policy's AWS principal entry is indexed: an account id, {@code account:role:name}, or the ARN. */
    static String trustKey(String aws) {
        if (aws.matches("\\d{12}")) {
            return aws;
        }
        Arn a = Arn.parse(aws).orElse(null);
        if (a == null) {
            return aws;
        }
        if (a.service().equals("iam") && a.resource().equals("root")) {
            return a.account();
        }
        if (a.service().equals("iam") && a.resourceType().equals("role")) {
            return a.account() + ":role:" + a.resourceName();
        }
        return aws;
    }
}
