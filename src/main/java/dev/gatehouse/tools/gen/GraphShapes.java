package dev.gatehouse.tools.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts directories in the shapes of role-assumption graph that stress reachability: {@code complete} (every
 * role trusts its account and may assume any role: each reaches each), {@code chain} (role i trusts role i-1
 * and may assume role i+1) and {@code ring} (one role per account, trusting the previous account's and
 * allowed to assume the next one's, the last account's leading back to the first).
 */
public final class GraphShapes {
    private GraphShapes() {
    }

    /** The shapes, by name. */
    public static final List<String> NAMES = List.of("complete", "chain", "ring");

    /** Writes the shape with {@code n} roles into {@code dir}; returns the ARN of the role to ask about. */
    public static String write(String shape, int n, Path dir) throws IOException {
        Map<String, List<String>> roles = new TreeMap<>();
        String a = "111111111111";
        String goal;
        switch (shape) {
            case "complete" -> {
                for (int i = 0; i < n; i++) {
                    roles.computeIfAbsent(a, k -> new ArrayList<>()).add(role(a, "r" + i, "arn:aws:iam::" + a + ":root", "*"));
                }
                goal = "arn:aws:iam::" + a + ":role/r0";
            }
            case "chain" -> {
                for (int i = 0; i < n; i++) {
                    roles.computeIfAbsent(a, k -> new ArrayList<>()).add(role(a, "r" + i,
                            i == 0 ? "arn:aws:iam::" + a + ":root" : "arn:aws:iam::" + a + ":role/r" + (i - 1), "arn:aws:iam::" + a + ":role/r" + (i + 1)));
                }
                goal = "arn:aws:iam::" + a + ":role/r" + (n - 1);
            }
            case "ring" -> {
                for (int i = 0; i < n; i++) {
                    String acct = account(i, n);
                    roles.computeIfAbsent(acct, k -> new ArrayList<>()).add(role(acct, "hop",
                            "arn:aws:iam::" + account(i - 1, n) + ":role/hop", "arn:aws:iam::" + account(i + 1, n) + ":role/hop"));
                }
                goal = "arn:aws:iam::" + account(0, n) + ":role/hop";
            }
            default -> throw new IllegalArgumentException("expected one of " + NAMES + ", found `" + shape + "`");
        }
        for (Map.Entry<String, List<String>> e : roles.entrySet()) {
            Path acct = Files.createDirectories(dir.resolve("accounts").resolve(e.getKey()));
            Files.writeString(acct.resolve("iam.json"), "{\"UserDetailList\":[],\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":["
                    + String.join(",\n", e.getValue()) + "]}");
        }
        return goal;
    }

    private static String account(int i, int n) {
        return String.format("%012d", 100000000000L + ((i % n) + n) % n);
    }

    private static String role(String account, String name, String trusted, String mayAssume) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"arn:aws:iam::" + account + ":role/" + name + "\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + trusted + "\"},\"Action\":\"sts:AssumeRole\"}]},\"AttachedManagedPolicies\":[],\"RolePolicyList\":[{\"PolicyName\":\"hop\","
                + "\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"" + mayAssume + "\"}]}}]}";
    }
}
