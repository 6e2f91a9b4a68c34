package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files written whole or not at all: into a temporary file beside their place, then renamed into it. */
final class Staged {
    private Staged() {
    }

    static void writeJson(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".part");
            try {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), json);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Puts the folder {@code staged} in the place of {@code target}: the old one moved aside first, then removed. */
    static void replace(Path target, Path staged, Path aside) throws IOException {
        deleteTree(aside);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(aside);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
