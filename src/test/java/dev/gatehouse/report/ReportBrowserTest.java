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
        EscalationGraphBrowserTest.needChromium();
        Path out = dir.resolve("report");
        assertEquals(0, dev.gatehouse.cli.Main.run("report", "--out", out.toString(), "--quiet"));
        com.fasterxml.jackson.databind.JsonNode json = dev.gatehouse.policy.Json.parse(Files.readString(out.resolve("report.json")), "report.json");
        String dom = EscalationGraphBrowserTest.chromium(dir, "--dump-dom", out.resolve("report.html").toUri().toString());
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
}
