package dev.gatehouse.policy;

import java.util.Optional;

/**
 * An ARN split into its six parts: {@code arn:partition:service:region:account:resource}. The
 * resource part keeps any further colons.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** Parses an ARN; empty when the text is not one. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** A service-linked role ({@code role/aws-service-role/…}): only its service acts as it, and SCPs do not apply to it. */
    public static boolean isServiceLinkedRole(String arn) {
        return arn.contains(":role/aws-service-role/");
    }

    /**
     * A role IAM will not let anyone change or pass: a service-linked role, or a role IAM Identity Center
     * created ({@code role/aws-reserved/…}).
     */
    public static boolean isProtectedRole(String arn) {
        return isServiceLinkedRole(arn) || arn.contains(":role/aws-reserved/");
    }

    public static boolean isArn(String text) {
        return parse(text).isPresent();
    }

    /** The resource type: the text of the resource part before the first {@code /} or {@code :}. */
    public String resourceType() {
        int cut = resource.length();
        int slash = resource.indexOf('/');
        int colon = resource.indexOf(':');
        if (slash >= 0) {
            cut = Math.min(cut, slash);
        }
        if (colon >= 0) {
            cut = Math.min(cut, colon);
        }
        return resource.substring(0, cut);
    }

    /** The last path element of the resource part (the name of a user or role without its path). */
    public String resourceName() {
        int slash = resource.lastIndexOf('/');
        return slash >= 0 ? resource.substring(slash + 1) : resource;
    }

    /**
     * ARN matching as IAM does it for Resource elements and the Arn condition operators: part by part,
     * wildcards in the partition, service, region and account parts stay within their part, the
     * resource part may span further colons and slashes.
     */
    public static boolean matchesPattern(String pattern, String arn) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length < 6 || a.length < 6) {
            return Glob.match(pattern, arn);
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.match(p[i], a[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * How a statement's Resource pattern meets a request's resource that is itself a pattern, segment by segment as
     * {@link #matchesPattern}: TRUE when it covers every resource the request's names, UNKNOWN when it covers some,
     * FALSE when none.
     */
    public static Tri patternMeets(String pattern, String requested) {
        if (pattern.equals("*")) {
            return Tri.TRUE;
        }
        String[] p = pattern.split(":", 6);
        String[] a = requested.split(":", 6);
        if (p.length < 6 || a.length < 6) {
            return meets(pattern, requested);
        }
        Tri all = Tri.TRUE;
        for (int i = 0; i < 6; i++) {
            Tri t = meets(p[i], a[i]);
            if (t == Tri.FALSE) {
                return Tri.FALSE;
            }
            if (t == Tri.UNKNOWN) {
                all = Tri.UNKNOWN;
            }
        }
        return all;
    }

    /**
     * One segment: TRUE when {@code p} covers {@code q}, UNKNOWN when they share some text, FALSE when none. Equal
     * segments, and a {@code p} without wildcards (it shares a text with {@code q} exactly when {@code q} matches it),
     * are answered without the tables of Glob.
     */
    private static Tri meets(String p, String q) {
        if (p.equals(q)) {
            return Tri.TRUE;
        }
        if (!Glob.isPattern(p)) {
            return Glob.match(q, p) ? Tri.UNKNOWN : Tri.FALSE;
        }
        return Glob.covers(p, q) ? Tri.TRUE : Glob.intersects(p, q) ? Tri.UNKNOWN : Tri.FALSE;
    }
}
