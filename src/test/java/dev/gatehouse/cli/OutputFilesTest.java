package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report is one set of files: a reader sees the previous set or the new one, never a mix (issue "Nothing
 * lost, nothing explodes", item 8). Moving the files in one by one left, for the time of the moves, a new
 * report.json beside the previous report.csv; the new set now takes the folder's place by renames.
 */
class OutputFilesTest {
    @TempDir
    Path dir;

    private static final Map<String, String> OLD = Map.of("report.json", "[old]", "report.csv", "old");
    private static final Map<String, String> NEW = Map.of("report.json", "[new]", "report.csv", "new");

    private static TreeSet<String> names(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aFolderOfTheSetIsReplacedWholeAndNothingIsLeftBeside() throws Exception {
        Path out = dir.resolve("report");
        OutputFiles.publishSet(out, OLD);
        Object before = Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        OutputFiles.publishSet(out, NEW);
        assertEquals("[new]", Files.readString(out.resolve("report.json")));
        assertEquals("new", Files.readString(out.resolve("report.csv")));
        Object after = Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertNotEquals(before, after, "the new set arrived as a folder of its own, not file by file");
        assertEquals(new TreeSet<>(java.util.List.of("report")), names(dir), "no staging folder is left beside it");
    }

    @Test
    void whatAKilledRunLeftBetweenItsRenamesIsCleared() throws Exception {
        Path out = dir.resolve("report");
        OutputFiles.publishSet(out, OLD);
        // killed after moving the folder away and before moving the new one in
        Files.move(out, dir.resolve(".report.old-4242"));
        Files.createDirectories(dir.resolve(".report.new-17"));
        OutputFiles.publishSet(out, NEW);
        assertEquals("[new]", Files.readString(out.resolve("report.json")));
        assertEquals(new TreeSet<>(java.util.List.of("report")), names(dir));
    }

    @Test
    void aFolderHoldingOtherFilesKeepsThemAndGetsEachFileWhole() throws Exception {
        Path out = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        OutputFiles.publishSet(out, NEW);
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "a file that is not the report's is never moved away");
        assertEquals("[new]", Files.readString(out.resolve("report.json")));
        assertTrue(names(out).stream().noneMatch(n -> n.endsWith(".tmp")), names(out).toString());
    }
}
