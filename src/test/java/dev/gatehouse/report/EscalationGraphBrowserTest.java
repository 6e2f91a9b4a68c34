package dev.gatehouse.report;

import dev.gatehouse.api.EscalationStep;

import dev.gatehouse.api.EscalationAnswer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.query.Escalations;
import dev.gatehouse.query.Questions;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalation graph of the iam-vulnerable account (116 principals) rendered by a real headless
 * browser (Debian's chromium; .ci/run installs it): the page the browser built holds a box per node of
 * the paths and an arrow per step, and the screenshot shows the three kinds of box in their colours.
 */
class EscalationGraphBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static List<EscalationAnswer> answers;
    static String html;

    @BeforeAll
    static void build() {
        Questions q = new Questions(FactsLoader.load(dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json")), RuleBase.shipped(), dev.gatehouse.api.Options.defaults().at(java.time.Instant.parse("2026-11-28T10:00:00Z")));
        answers = new Escalations(q, RuleBase.shipped()).analyze(null).answers();
        html = EscalationGraph.html("lab", answers);
    }

    static String chromium(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theBrowserBuildsABoxPerNodeAndAnArrowPerStep(@TempDir Path dir) throws Exception {
        needChromium();
        Path page = dir.resolve("privesc.html");
        Files.writeString(page, html);
        String dom = chromium(dir, "--dump-dom", page.toUri().toString());
        long escalating = answers.stream().filter(EscalationAnswer::canEscalate).count();
        java.util.Set<String> nodes = new java.util.HashSet<>();
        java.util.Set<String> steps = new java.util.HashSet<>();
        for (EscalationAnswer a : answers) {
            if (!a.paths().isEmpty()) {
                for (EscalationStep s : a.paths().get(0)) {
                    nodes.add(s.from());
                    nodes.add(s.to());
                    steps.add(s.from() + "|" + s.to() + "|" + s.edge());
                }
            }
        }
        assertTrue(escalating > 60, "the lab has dozens of escalating principals");
        assertEquals(nodes.size(), count(dom, "<rect"), "one box per node on a shown path");
        assertEquals(steps.size(), count(dom, "<line") + count(dom, "<polyline"), "one arrow per step");
        assertTrue(count(dom, "<polyline") > 20, "the many arrows into one box are bundled: " + count(dom, "<polyline"));
        assertTrue(dom.contains("privesc7-AttachUserPolicy-user"));
        // full names in the boxes (the lab's longest fits), and the edges' names drawn after every arrow, on a halo
        assertEquals(0, count(dom, "…</text></g>"), "no name in a box is cut");
        int lastArrow = Math.max(dom.lastIndexOf("<line"), dom.lastIndexOf("<polyline"));
        assertTrue(lastArrow < dom.indexOf("<text class=\"edge\""), "no arrow is drawn over an edge's name");
        assertEquals(count(dom, "<text class=\"edge\""), count(dom, "paint-order=\"stroke\" stroke=\"#fff\""), "each name on a white halo");
        // the paths table is sortable and filterable, and says how many rows it shows
        long rows = answers.stream().filter(a -> a.admin() || a.canEscalate()).count();
        assertTrue(dom.contains("<th onclick=\"sortBy('paths',3)\""), "sortable headers");
        assertTrue(dom.contains("<span id=\"paths-count\">" + rows + " rows</span>"), "the count, filled in by the page's script");
    }

    @Test
    void theScreenshotShowsAdministratorsEscalatingAndConditionalPrincipals(@TempDir Path dir) throws Exception {
        needChromium();
        Path page = dir.resolve("privesc.html");
        Files.writeString(page, html);
        Path png = dir.resolve("shot.png");
        // the boxes are as wide as the lab's longest names: the three columns take about 1,850 pixels
        chromium(dir, "--screenshot=" + png, "--window-size=1900,1300", page.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1900, img.getWidth());
        int admin = 0;
        int state = 0;
        int escalate = 0;
        int conditional = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                admin += rgb == 0xf4c7c3 ? 1 : 0;
                state += rgb == Integer.parseInt(EscalationGraph.STATE.substring(1), 16) ? 1 : 0;
                escalate += rgb == 0xd6e4f5 ? 1 : 0;
                conditional += rgb == 0xfde9b6 ? 1 : 0;
            }
        }
        // each box is over 300 × 26 pixels; the first screen holds many of each kind
        // administrators now, and the states steps lead to ("with a policy of its choosing") apart from them
        assertTrue(admin > 3 * 5000, "administrator boxes drawn: " + admin);
        assertTrue(state > 15 * 5000, "state boxes drawn in their own colour, not the administrators': " + state);
        assertTrue(escalate > 20 * 5000, "escalating boxes drawn: " + escalate);
        assertTrue(conditional > 5 * 5000, "conditional boxes drawn: " + conditional);
    }

    /** Skips without chromium, unless -Dgatehouse.browser=required (as in .ci/run): then its absence fails the test. */
    static void needChromium() {
        if ("required".equals(System.getProperty("gatehouse.browser"))) {
            assertTrue(Files.isExecutable(CHROMIUM), "the browser test is required here and /usr/bin/chromium is missing");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    }

    static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
