package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command-line hygiene (issue "The auditor's experience", item 6): options that do not apply are refused rather than
 * ignored, and progress is one updating line on a terminal but plain lines in a log.
 */
class HygieneTest {
    @TempDir
    Path dir;

    @Test
    void reportRefusesAFormatItDoesNotWrite() {
        CliTest.Run r = CliTest.run("report", "--format", "json", "--out", dir.resolve("r").toString());
        assertEquals(Main.ERROR, r.code());
        assertTrue(r.err().contains("--format: does not apply to report") && r.err().contains("[GH112]"), r.err());
        assertFalse(Files.exists(dir.resolve("r")), "nothing written for a refused command line");
    }

    @Test
    void progressInALogIsPlainLinesAndOnATerminalOneLineUpdated() {
        StringWriter log = new StringWriter();
        Progress p = new Progress(new PrintWriter(log), false);
        for (int i = 1; i <= 3; i++) {
            p.advanced("report: resources", i, 3);
        }
        p.line("escalation: done");
        assertFalse(log.toString().contains("\r"), "no carriage return in a log: " + log);
        assertTrue(log.toString().contains("gatehouse: report: resources 3/3 ("), log.toString());
        assertTrue(log.toString().lines().allMatch(l -> l.startsWith("gatehouse: ")), log.toString());

        StringWriter tty = new StringWriter();
        Progress t = new Progress(new PrintWriter(tty), true);
        t.advanced("report: resources", 1, 3);
        t.line("escalation: started");
        t.advanced("report: resources", 3, 3);
        String s = tty.toString();
        assertTrue(s.startsWith("\rgatehouse: report: resources 1/3 (") && s.contains("\u001b[K\ngatehouse: escalation: started\n"),
                "the updating line is ended before a line of its own: " + s.replace("\r", "\\r").replace("\u001b", "\\e"));
        assertTrue(s.endsWith("3/3 (0 s)\u001b[K\n") || s.matches("(?s).*3/3 \\(\\d+ s\\)\u001b\\[K\n$"), s.replace("\u001b", "\\e"));
    }
}
