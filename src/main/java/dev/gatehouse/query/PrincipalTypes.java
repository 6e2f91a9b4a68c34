package dev.gatehouse.query;

import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;

/** The type an answer gives a principal: {@code user}, {@code role}, {@code service}, {@code public}, {@code external-account}, {@code external-principal}. */
final class PrincipalTypes {
    private PrincipalTypes() {
    }

    static String of(Principal p) {
        return p.kind() == Principal.Kind.USER ? "user" : "role";
    }

    /** A principal of the facts by its kind; any other caller by its name: the public, a service, an outside account or principal. */
    static String of(Facts facts, String principal) {
        Principal p = facts.principals().get(principal);
        if (p != null) {
            return of(p);
        }
        if (principal.equals("anonymous")) {
            return "public";
        }
        if (principal.equals(dev.gatehouse.load.Callers.ANY_PRINCIPAL)) {
            return "any-aws-principal";
        }
        if (principal.contains(":oidc-provider/") || principal.contains(":saml-provider/") || !principal.startsWith("arn:")
                && !principal.endsWith(".amazonaws.com") || principal.equals("cognito-identity.amazonaws.com")) {
            return "identity-provider";
        }
        if (!principal.startsWith("arn:")) {
            return "service";
        }
        return principal.endsWith(":root") ? "external-account" : "external-principal";
    }
}
