package dev.gatehouse.tools.gen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.Json;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of random request cases in the oracle's input format: callers of every kind, same-
 * and cross-account, identity policies with wildcards and NotAction/NotResource, conditions of every
 * operator family with matching, failing and missing context, policy variables, resource policies naming
 * every principal position, boundaries, session policies, and SCP and RCP levels. The same seed always
 * gives the same cases.
 */
public final class CaseGenerator {
    static final String A = "111111111111";
    static final String B = "222222222222";

    private record Target(String action, String resource, String account) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("s3:GetObject", "arn:aws:s3:::app-bucket/home/alice/data.csv", A),
            new Target("s3:PutObject", "arn:aws:s3:::app-bucket/logs/x.log", A),
            new Target("s3:ListBucket", "arn:aws:s3:::app-bucket", A),
            new Target("s3:GetObject", "arn:aws:s3:::partner-bucket/shared/f.txt", B),
            new Target("sqs:SendMessage", "arn:aws:sqs:us-east-1:" + A + ":orders", A),
            new Target("kms:Decrypt", "arn:aws:kms:us-east-1:" + A + ":key/1234abcd-12ab-34cd-56ef-1234567890ab", A),
            new Target("ec2:StartInstances", "arn:aws:ec2:us-east-1:" + A + ":instance/i-0abc", A),
            new Target("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:" + B + ":table/Orders", B),
            new Target("sts:AssumeRole", "arn:aws:iam::" + A + ":role/Target", A),
            new Target("iam:PassRole", "arn:aws:iam::" + A + ":role/app/Worker", A),
            new Target("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:" + A + ":secret:prod/db-AbCdEf", A));

    private static final List<String> PRINCIPALS = List.of(
            "arn:aws:iam::" + A + ":user/alice",
            "arn:aws:sts::" + A + ":assumed-role/AppRole/s1",
            "arn:aws:iam::" + A + ":role/AppRole",
            "arn:aws:sts::" + A + ":federated-user/fred",
            "arn:aws:iam::" + A + ":root",
            "arn:aws:iam::" + B + ":user/bob",
            "arn:aws:sts::" + B + ":assumed-role/Partner/p1",
            "arn:aws:iam::" + B + ":root",
            "arn:aws:iam::" + A + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
            "lambda.amazonaws.com",
            "cloudtrail.amazonaws.com",
            "anonymous");

    private final Random rnd;

    public CaseGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    private <T> T pick(List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    /** The next random case, named {@code prefix-index}. */
    public ObjectNode next(String name) {
        ObjectNode c = Json.mapper().createObjectNode();
        Target t = pick(TARGETS);
        String principal = pick(PRINCIPALS);
        c.put("name", name);
        c.put("principal", principal);
        c.put("action", chance(0.1) ? t.action().toUpperCase() : t.action());
        c.put("resource", t.resource());
        c.put("resourceAccount", t.account());
        ObjectNode ctx = context();
        if (ctx.size() > 0) {
            c.set("context", ctx);
        }
        boolean identityCaller = principal.contains(":user/") || principal.contains(":assumed-role/")
                || principal.contains(":role/") || principal.contains(":federated-user/");
        if (identityCaller) {
            ArrayNode ids = c.putArray("identityPolicies");
            int n = rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                ObjectNode named = ids.addObject();
                named.put("name", "id" + i);
                named.set("policy", policy(t, false, 1 + rnd.nextInt(3)));
            }
            if (chance(0.25)) {
                c.set("permissionBoundary", policy(t, false, 1 + rnd.nextInt(2)));
            }
            if ((principal.contains(":assumed-role/") || principal.contains(":federated-user/")) && chance(0.25)) {
                c.set("sessionPolicy", policy(t, false, 1 + rnd.nextInt(2)));
            }
        }
        if (chance(0.6)) {
            c.set("resourcePolicy", policy(t, true, 1 + rnd.nextInt(3)));
        }
        if (!principal.equals("anonymous") && chance(0.35)) {
            ArrayNode scps = c.putArray("scps");
            int levels = 1 + rnd.nextInt(3);
            for (int l = 0; l < levels; l++) {
                ObjectNode lvl = scps.addObject();
                lvl.put("orgIdentifier", l == 0 ? "r-root" : "ou-" + l);
                ArrayNode ps = lvl.putArray("policies");
                if (chance(0.9)) {
                    ObjectNode full = ps.addObject();
                    full.put("name", "FullAWSAccess");
                    full.set("policy", Json.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "gen"));
                }
                if (chance(0.4)) {
                    ObjectNode p = ps.addObject();
                    p.put("name", "Guard" + l);
                    p.set("policy", policy(t, false, 1));
                }
            }
        }
        if (chance(0.2)) {
            ArrayNode rcps = c.putArray("rcps");
            ArrayNode lvl = rcps.addArray();
            if (chance(0.7)) {
                ObjectNode p = lvl.addObject();
                p.put("name", "Rcp");
                ObjectNode doc = Json.mapper().createObjectNode();
                doc.put("Version", "2012-10-17");
                ArrayNode st = doc.putArray("Statement");
                ObjectNode s = st.addObject();
                s.put("Effect", "Deny");
                s.put("Principal", "*");
                s.put("Action", t.action().substring(0, t.action().indexOf(':')) + ":*");
                s.put("Resource", "*");
                if (chance(0.8)) {
                    s.set("Condition", condition());
                }
                p.set("policy", doc);
            }
        }
        if (chance(0.1)) {
            c.put("mode", "Discovery");
        }
        return c;
    }

    private ObjectNode context() {
        ObjectNode ctx = Json.mapper().createObjectNode();
        if (chance(0.5)) {
            ctx.put("aws:SourceIp", pick(List.of("10.1.2.3", "203.0.113.9", "198.51.100.7", "2001:db8::5", "2001:db9::1")));
        }
        if (chance(0.5)) {
            ctx.put("aws:SecureTransport", pick(List.of("true", "false")));
        }
        if (chance(0.5)) {
            ctx.put("aws:PrincipalTag/team", pick(List.of("red", "blue", "RED")));
        }
        if (chance(0.4)) {
            ctx.put("aws:RequestedRegion", pick(List.of("us-east-1", "eu-west-1", "ap-south-1")));
        }
        if (chance(0.4)) {
            ctx.put("aws:CurrentTime", pick(List.of("2026-11-28T00:00:00Z", "2031-01-01T00:00:00Z")));
        }
        if (chance(0.3)) {
            ctx.put("aws:MultiFactorAuthAge", pick(List.of("100", "7200")));
        }
        if (chance(0.3)) {
            ArrayNode keys = ctx.putArray("aws:TagKeys");
            keys.add(pick(List.of("env", "team", "secret")));
            if (chance(0.5)) {
                keys.add(pick(List.of("env", "owner")));
            }
        }
        if (chance(0.2)) {
            ctx.put("aws:PrincipalOrgID", pick(List.of("o-abc", "o-other")));
        }
        return ctx;
    }

    private ObjectNode condition() {
        ObjectNode c = Json.mapper().createObjectNode();
        int n = 1 + (chance(0.3) ? 1 : 0);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(14)) {
                case 0 -> put(c, "StringEquals", "aws:PrincipalTag/team", pick(List.of("red", "blue")));
                case 1 -> put(c, "StringNotEquals", "aws:PrincipalTag/team", "red");
                case 2 -> put(c, "StringEqualsIgnoreCase", "aws:PrincipalTag/team", "red");
                case 3 -> put(c, "StringLike", "aws:RequestedRegion", pick(List.of("us-*", "eu-west-?")));
                case 4 -> put(c, "StringNotLike", "aws:RequestedRegion", "us-*");
                case 5 -> put(c, pick(List.of("IpAddress", "NotIpAddress")), "aws:SourceIp",
                        pick(List.of("10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32")));
                case 6 -> put(c, pick(List.of("Bool", "BoolIfExists")), "aws:SecureTransport", pick(List.of("true", "false")));
                case 7 -> put(c, pick(List.of("DateLessThan", "DateGreaterThan")), "aws:CurrentTime", "2030-01-01T00:00:00Z");
                case 8 -> put(c, pick(List.of("NumericLessThan", "NumericGreaterThanEquals")), "aws:MultiFactorAuthAge", "3600");
                case 9 -> put(c, pick(List.of("ForAllValues:StringEquals", "ForAnyValue:StringEquals")), "aws:TagKeys", "env");
                case 10 -> put(c, "Null", "aws:MultiFactorAuthAge", pick(List.of("true", "false")));
                case 11 -> put(c, pick(List.of("ArnLike", "ArnNotLike")), "aws:PrincipalArn",
                        pick(List.of("arn:aws:iam::" + A + ":role/*", "arn:aws:iam::*:user/*")));
                case 12 -> put(c, "StringEqualsIfExists", "aws:PrincipalOrgID", "o-abc");
                default -> put(c, "StringEquals", "aws:PrincipalAccount", pick(List.of(A, B)));
            }
        }
        return c;
    }

    private static void put(ObjectNode cond, String op, String key, String value) {
        ObjectNode block = cond.has(op) ? (ObjectNode) cond.get(op) : cond.putObject(op);
        block.put(key, value);
    }

    private ObjectNode policy(Target t, boolean resourcePolicy, int statements) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode st = doc.putArray("Statement");
        String svc = t.action().substring(0, t.action().indexOf(':'));
        String name = t.action().substring(t.action().indexOf(':') + 1);
        for (int i = 0; i < statements; i++) {
            ObjectNode s = st.addObject();
            if (chance(0.5)) {
                s.put("Sid", "S" + i);
            }
            s.put("Effect", chance(0.8) ? "Allow" : "Deny");
            if (resourcePolicy) {
                principal(s);
            }
            double a = rnd.nextDouble();
            if (a < 0.1) {
                s.putArray("NotAction").add("iam:*").add(pick(List.of("s3:Delete*", svc + ":" + name)));
            } else {
                s.put("Action", a < 0.4 ? t.action() : a < 0.55 ? svc + ":*" : a < 0.65 ? "*"
                        : a < 0.8 ? svc + ":" + name.substring(0, 3) + "*" : pick(List.of("s3:PutObject", "ec2:*", "sqs:*")));
            }
            double r = rnd.nextDouble();
            if (r < 0.1) {
                s.put("NotResource", "arn:aws:s3:::secret/*");
            } else if (!(resourcePolicy && t.action().startsWith("sts:") && r < 0.6)) {
                s.put("Resource", r < 0.45 ? "*" : r < 0.7 ? t.resource() : r < 0.8 ? wildcard(t.resource())
                        : r < 0.9 ? "arn:aws:s3:::app-bucket/home/${aws:username}/*" : "arn:aws:s3:::other/*");
            }
            if (chance(0.45)) {
                s.set("Condition", condition());
            }
        }
        return doc;
    }

    private String wildcard(String arn) {
        int cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
        return arn.substring(0, cut + 1) + "*";
    }

    private void principal(ObjectNode s) {
        switch (rnd.nextInt(9)) {
            case 0 -> s.put("Principal", "*");
            case 1 -> s.putObject("Principal").put("AWS", pick(List.of(A, B)));
            case 2 -> s.putObject("Principal").put("AWS", "arn:aws:iam::" + pick(List.of(A, B)) + ":root");
            case 3 -> s.putObject("Principal").put("AWS", pick(List.of("arn:aws:iam::" + A + ":role/AppRole",
                    "arn:aws:iam::" + B + ":role/Partner")));
            case 4 -> s.putObject("Principal").put("AWS", pick(List.of("arn:aws:iam::" + A + ":user/alice",
                    "arn:aws:iam::" + B + ":user/bob")));
            case 5 -> s.putObject("Principal").put("AWS", "arn:aws:sts::" + A + ":assumed-role/AppRole/s1");
            case 6 -> s.putObject("Principal").put("Service", pick(List.of("lambda.amazonaws.com", "cloudtrail.amazonaws.com")));
            case 7 -> s.putObject("Principal").putArray("AWS").add("arn:aws:iam::" + A + ":role/AppRole").add(B);
            default -> s.putObject("Principal").put("AWS", "*");
        }
    }
}
