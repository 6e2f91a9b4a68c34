package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One question, one answer, whichever command asks it: privesc, the privesc.json that report writes,
 * report.json, who-can-assume and who-can agree on an administrator role whose trust policy holds only
 * after a date (DateGreaterThan aws:CurrentTime) — by default every request is made now, with
 * --open-time the time is unknown everywhere. (Before the prepared snapshot, report decided the role
 * assumptions before it fixed the time, and its privesc.json said Conditional where privesc said Allowed.)
 */
class SnapshotAgreementTest {
    static final String USER = "arn:aws:iam::111111111111:user/u";
    static final String ADMIN = "arn:aws:iam::111111111111:role/Admin";
    static final String EXPIRED = "arn:aws:iam::111111111111:role/Expired";

    @TempDir
    Path dir;

    Path facts() throws Exception {
        Path f = dir.resolve("gaad.json");
        String all = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"%s\":"
                + "{\"aws:CurrentTime\":\"%s\"}}}]}";
        Files.writeString(f, "{\"UserDetailList\":[{\"UserName\":\"u\",\"Arn\":\"" + USER + "\",\"Path\":\"/\","
                + "\"GroupList\":[],\"AttachedManagedPolicies\":[],\"UserPolicyList\":[{\"PolicyName\":\"assume\","
                + "\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"sts:AssumeRole\",\"Resource\":\"*\"}]}}]}],\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":["
                + role("Admin", String.format(trust, "DateGreaterThan", "2020-01-01T00:00:00Z"), all) + ","
                + role("Expired", String.format(trust, "DateLessThan", "2021-01-01T00:00:00Z"), all) + "]}");
        return f;
    }

    static String role(String name, String trust, String policy) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"arn:aws:iam::111111111111:role/" + name + "\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":" + trust + ",\"AttachedManagedPolicies\":[],\"RolePolicyList\":["
                + "{\"PolicyName\":\"all\",\"PolicyDocument\":" + policy + "}],\"InstanceProfileList\":[]}";
    }

    record Answers(String privesc, String reportPrivesc, String reportAssume, String whoCanAssume, String whoCan,
                   List<String> conditions) {
    }

    Answers ask(String... extra) throws Exception {
        String facts = facts().toString();
        CliTest.Run privesc = CliTest.run(concat(new String[] {"privesc", "--facts", facts, "--format", "json", "--quiet"}, extra));
        JsonNode p = Json.mapper().readTree(privesc.out());
        Path out = dir.resolve("report" + extra.length);
        CliTest.Run report = CliTest.run(concat(new String[] {"report", "--facts", facts, "--out", out.toString(), "--quiet"}, extra));
        assertEquals(0, report.code(), report.err());
        JsonNode rp = Json.mapper().readTree(Files.readString(out.resolve("privesc.json")));
        assertEquals(p, rp, "privesc and the privesc.json of report are the same answer");
        JsonNode rows = Json.mapper().readTree(Files.readString(out.resolve("report.json")));
        CliTest.Run wca = CliTest.run(concat(new String[] {"who-can-assume", "--role", ADMIN, "--facts", facts, "--format", "json", "--quiet"}, extra));
        CliTest.Run wc = CliTest.run(concat(new String[] {"who-can", "--resource", "arn:aws:s3:::b/k", "--resource-account",
                "111111111111", "--action", "s3:GetObject", "--facts", facts, "--format", "json", "--quiet"}, extra));
        assertEquals(0, wc.code(), wc.err());
        String reportAssume = null;
        for (JsonNode r : rows) {
            if (extra.length == 0) {
                assertTrue(!r.get("resource").asText().equals(EXPIRED), "nobody assumes the expired role now: " + r);
            } else if (r.get("resource").asText().equals(EXPIRED)) {
                assertEquals("Conditional", r.get("decision").asText(), "with the time open it may be assumed: " + r);
            }
            if (r.get("resource").asText().equals(ADMIN) && r.get("principal").asText().equals(USER)) {
                reportAssume = r.get("decision").asText();
            }
        }
        String userPrivesc = null;
        for (JsonNode a : p.get("principals")) {
            if (a.get("principal").asText().equals(USER)) {
                userPrivesc = a.get("decision").asText();
                assertEquals("sts:AssumeRole", a.get("paths").get(0).get(0).get("edge").asText(), a.toString());
            }
        }
        String assume = null;
        for (JsonNode a : Json.mapper().readTree(wca.out())) {
            if (a.get("principal").asText().equals(USER)) {
                assume = a.get("decision").asText();
            }
        }
        String through = null;
        List<String> conditions = new ArrayList<>();
        for (JsonNode a : Json.mapper().readTree(wc.out())) {
            if (a.get("principal").asText().equals(USER)) {
                String via = a.get("via").get(0).asText();
                assertTrue(via.equals(ADMIN) || (extra.length > 0 && via.equals(EXPIRED)), a.toString());
                through = a.get("decision").asText();
                a.get("conditions").forEach(c -> conditions.add(c.asText()));
            }
        }
        return new Answers(userPrivesc, rp.get("principals").findValue("decision").asText(), reportAssume, assume, through, conditions);
    }

    @Test
    void everyCommandAsksNowByDefault() throws Exception {
        Answers a = ask();
        assertEquals(new Answers("Allowed", a.reportPrivesc(), "Allowed", "Allowed", "Allowed", List.of()), a);
    }

    @Test
    void withOpenTimeEveryCommandLeavesTheTimeOpen() throws Exception {
        Answers a = ask("--open-time");
        assertEquals("Conditional", a.privesc());
        assertEquals("Conditional", a.reportAssume());
        assertEquals("Conditional", a.whoCanAssume());
        assertEquals("Conditional", a.whoCan());
        assertTrue(a.conditions().stream().anyMatch(c -> c.contains(" aws:CurrentTime [20")), a.conditions().toString());
    }

    @Test
    void onTheExampleOrganizationReportPrivescAndTheQuestionsAgree() throws Exception {
        Path out = dir.resolve("example");
        CliTest.Run report = CliTest.run("report", "--out", out.toString(), "--quiet");
        assertEquals(0, report.code(), report.err());
        CliTest.Run privesc = CliTest.run("privesc", "--format", "json", "--quiet");
        assertEquals(Json.mapper().readTree(privesc.out()), Json.mapper().readTree(Files.readString(out.resolve("privesc.json"))));
        JsonNode rows = Json.mapper().readTree(Files.readString(out.resolve("report.json")));
        java.util.Map<String, java.util.Set<String>> assume = new java.util.TreeMap<>();
        java.util.Set<String> readers = new java.util.TreeSet<>();
        for (JsonNode r : rows) {
            String line = r.get("principal").asText() + " " + r.get("decision").asText();
            if (r.get("access").asText().equals("assume")) {
                assume.computeIfAbsent(r.get("resource").asText(), k -> new java.util.TreeSet<>()).add(line);
            } else if (r.get("access").asText().equals("read") && r.get("resource").asText().equals("arn:aws:s3:::acme-prod-data")) {
                readers.add(line);
            }
        }
        assertTrue(assume.size() >= 5, assume.keySet().toString());
        for (var e : assume.entrySet()) {
            java.util.Set<String> asked = new java.util.TreeSet<>();
            for (JsonNode p : Json.mapper().readTree(CliTest.run("who-can-assume", "--role", e.getKey(), "--format", "json", "--quiet").out())) {
                asked.add(p.get("principal").asText() + " " + p.get("decision").asText());
            }
            assertEquals(e.getValue(), asked, e.getKey());
        }
        java.util.Set<String> asked = new java.util.TreeSet<>();
        for (String form : List.of("arn:aws:s3:::acme-prod-data", "arn:aws:s3:::acme-prod-data/*")) {
            for (JsonNode p : Json.mapper().readTree(CliTest.run("who-can", "--resource", form, "--access", "read", "--format", "json",
                    "--quiet").out())) {
                asked.add(p.get("principal").asText() + " " + p.get("decision").asText());
            }
        }
        assertTrue(!readers.isEmpty());
        assertEquals(readers, asked, "who reads acme-prod-data, in the report and asked");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
