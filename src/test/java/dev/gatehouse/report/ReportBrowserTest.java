package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the example organization in a real headless browser (Debian's chromium): opened with a filter in its
 * address, the page shows only the rows that hold it and its row count follows the filter (issue "The auditor's
 * experience", item 1: a live row count).
 */
class ReportBrowserTest {
    @Test
    void aFilterInTheAddressShowsItsRowsAndTheCountFollows(@TempDir Path dir) throws Exception {
        EscalationGraphBrowserTest.needChromium();
        Path out = dir.resolve("report");
        int code = dev.gatehouse.cli.Main.run("report", "--out", out.toString(), "--quiet");
        assertEquals(0, code);
        String dom = EscalationGraphBrowserTest.chromium(dir, "--dump-dom", out.resolve("report.html").toUri() + "#filter=AuditRole");
        String body = dom.substring(dom.indexOf("<table id=\"report\">"));
        body = body.substring(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
        int shown = 0;
        int all = 0;
        Matcher row = Pattern.compile("<tr class=\"[^\"]*\"( style=\"([^\"]*)\")?>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (row.find()) {
            all++;
            boolean hidden = row.group(2) != null && row.group(2).contains("display: none");
            if (!hidden) {
                shown++;
                assertTrue(row.group(3).toLowerCase().contains("auditrole"), "a row shown holds the filter: " + row.group(3));
            }
        }
        assertTrue(all > 50 && shown > 0 && shown < all, shown + " of " + all);
        Matcher count = Pattern.compile("<span id=\"count\">([^<]*)</span>").matcher(dom);
        assertTrue(count.find(), "the count is on the page");
        assertEquals(shown + " of " + all + " rows shown", count.group(1), "the count follows the filter");
        assertTrue(dom.contains("value=\"AuditRole\"") || dom.contains("id=\"filter\""), "the filter box");
        assertTrue(dom.contains("<th onclick=\"sortBy('findings',0)\"") && dom.contains("id=\"findings-filter\""),
                "the findings table sorts and filters too");
    }

    @Test
    void aRowsManyActionsAreGroupedByAccessLevelAndExpandable(@TempDir Path dir) throws Exception {
        Opened page = opened(dir);
        com.fasterxml.jackson.databind.JsonNode json = page.json();
        String dom = page.dom();
        String table = dom.substring(dom.indexOf("<table id=\"report\">"));
        String body = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        Matcher row = Pattern.compile("<tr class=\"[^\"]*\">(.*?)</tr>", Pattern.DOTALL).matcher(body);
        int k = 0;
        int grouped = 0;
        while (row.find()) {
            int actions = json.get(k++).get("actions").size();
            Matcher td = Pattern.compile("<td class=\"actions\">(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
            assertTrue(td.find(), row.group(1));
            Matcher summary = Pattern.compile("<details><summary>([A-Za-z, ]+): (\\d+)</summary>").matcher(td.group(1));
            int sum = 0;
            while (summary.find()) {
                sum += Integer.parseInt(summary.group(2));
            }
            if (actions > 4) {
                grouped++;
                assertEquals(actions, sum, "every action in one group of its access level: " + td.group(1));
            } else {
                assertEquals(0, sum, "a few actions are listed as they are: " + td.group(1));
            }
        }
        assertEquals(json.size(), k, "a row in the page per row of report.json");
        assertTrue(grouped > 10, "the example has rows of many actions: " + grouped);
        assertTrue(dom.contains("<summary>Read: ") && dom.contains("<summary>Permissions management, Write: "), "levels by name");
    }

    /**
     * The rows grouped by resource (issue "The auditor's experience", item 1): a line per resource of report.json with
     * its row count and the distinct principals of each kind of access, as report.json says; a resource links to its
     * rows (the filter in the address).
     */
    @Test
    void theRowsAreGroupedByResourceWithDistinctPrincipalsPerAccess(@TempDir Path dir) throws Exception {
        Opened page = opened(dir);
        com.fasterxml.jackson.databind.JsonNode json = page.json();
        java.util.Map<String, Integer> rowsOf = new java.util.TreeMap<>();
        java.util.Map<String, java.util.Set<String>> principalsOf = new java.util.HashMap<>();
        java.util.List<String> kinds = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode r : json) {
            String res = r.get("resource").asText();
            rowsOf.merge(res, 1, Integer::sum);
            principalsOf.computeIfAbsent(res + " " + r.get("access").asText(), k -> new java.util.HashSet<>()).add(r.get("principal").asText());
            if (!kinds.contains(r.get("access").asText())) {
                kinds.add(r.get("access").asText());
            }
        }
        String dom = page.dom();
        assertTrue(dom.indexOf("<table id=\"resources\">") < dom.indexOf("<table id=\"report\">"), "the resources come before the rows");
        String table = dom.substring(dom.indexOf("<table id=\"resources\">"));
        String body = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        Matcher row = Pattern.compile("<tr><td><a href=\"#filter=([^\"]+)\"[^>]*>([^<]+)</a></td>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (row.find()) {
            String res = row.group(2).replace("&amp;", "&");
            seen.add(res);
            assertEquals(res, java.net.URLDecoder.decode(row.group(1), java.nio.charset.StandardCharsets.UTF_8), "the link filters by the resource");
            Matcher td = Pattern.compile("<td>(\\d+)</td>").matcher(row.group(3));
            java.util.List<Integer> n = new java.util.ArrayList<>();
            while (td.find()) {
                n.add(Integer.parseInt(td.group(1)));
            }
            assertEquals(kinds.size() + 3, n.size(), row.group(3));
            assertEquals(rowsOf.get(res), n.get(0), res + ": rows");
            for (int k = 0; k < kinds.size(); k++) {
                assertEquals(principalsOf.getOrDefault(res + " " + kinds.get(k), java.util.Set.of()).size(), n.get(k + 1), res + ": " + kinds.get(k));
            }
        }
        assertEquals(new java.util.ArrayList<>(rowsOf.keySet()), seen, "one line per resource, in order");
        assertTrue(seen.size() >= 10, "the example has many resources: " + seen);
    }

    /**
     * Findings first on the 116-principal iam-vulnerable export too: the first screen of report.html is the findings,
     * severity coloured (high is the lab's worst), before the resources and the rows, most severe first.
     */
    @Test
    void onIamVulnerableTheFirstScreenIsTheFindingsMostSevereFirst(@TempDir Path dir) throws Exception {
        EscalationGraphBrowserTest.needChromium();
        Path out = dir.resolve("report");
        dev.gatehouse.cli.Main.run("report", "--facts", dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json").toString(),
                "--out", out.toString(), "--quiet");
        com.fasterxml.jackson.databind.JsonNode findings = dev.gatehouse.policy.Json.parse(Files.readString(out.resolve("findings.json")), "findings.json");
        String dom = EscalationGraphBrowserTest.chromium(dir, "--dump-dom", out.resolve("report.html").toUri().toString());
        int f = dom.indexOf("<table class=\"findings\" id=\"findings\">");
        assertTrue(f > 0 && f < dom.indexOf("<table id=\"resources\">") && dom.indexOf("<table id=\"resources\">") < dom.indexOf("<table id=\"report\">"),
                "findings, then resources, then rows");
        Matcher sev = Pattern.compile("<tr class=\"(critical|high|medium|low)\"").matcher(dom.substring(f));
        java.util.List<String> order = java.util.List.of("critical", "high", "medium", "low");
        int last = 0;
        int rows = 0;
        while (sev.find()) {
            int rank = order.indexOf(sev.group(1));
            assertTrue(rank >= last, "most severe first: " + sev.group(1) + " after " + order.get(last));
            last = rank;
            rows++;
        }
        com.fasterxml.jackson.databind.JsonNode list = findings.isArray() ? findings : findings.path("findings");
        assertEquals(list.size(), rows, "a row per finding of findings.json");
        Path png = dir.resolve("first.png");
        EscalationGraphBrowserTest.chromium(dir, "--screenshot=" + png, "--window-size=1400,900", out.resolve("report.html").toUri().toString());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        int high = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                high += (img.getRGB(x, y) & 0xffffff) == 0xfde0c8 ? 1 : 0;
            }
        }
        assertTrue(high > 10 * 400, "the first screen shows high findings, coloured: " + high + " pixels");
    }

    record Opened(com.fasterxml.jackson.databind.JsonNode json, String dom) {
    }

    /** The example organization's report, written and opened in the browser: report.json and the page's DOM. */
    static Opened opened(Path dir) throws Exception {
        EscalationGraphBrowserTest.needChromium();
        Path out = dir.resolve("report");
        assertEquals(0, dev.gatehouse.cli.Main.run("report", "--out", out.toString(), "--quiet"));
        return new Opened(dev.gatehouse.policy.Json.parse(Files.readString(out.resolve("report.json")), "report.json"),
                EscalationGraphBrowserTest.chromium(dir, "--dump-dom", out.resolve("report.html").toUri().toString()));
    }
}
