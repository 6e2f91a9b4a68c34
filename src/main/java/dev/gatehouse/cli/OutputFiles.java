package dev.gatehouse.cli;

import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command writes: checked before any work (a bad --out or --html is said at once, not after the
 * whole computation), then written whole — each file staged beside its place and moved into it, all
 * staged before any is moved — so that a reader sees the previous files or the new ones, never a file
 * cut short.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** A folder to write into: created if missing; refused when it is a file or cannot be created. */
    static Path folder(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, "`" + dir + "` is a file; expected a folder to write into"));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, "cannot create the folder `" + dir + "`: " + e.getMessage()));
        }
        if (!Files.isWritable(dir)) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, "cannot write into `" + dir + "`"));
        }
        return dir;
    }

    /** A file to write: its folder created if missing; refused when it is a folder. */
    static Path file(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", option, "`" + file + "` is a folder; expected a file name"));
        }
        folder(file.toAbsolutePath().getParent(), option);
        return file;
    }

    /**
     * Writes a set of files that belong together (a report) into the folder so that a reader sees the previous
     * set or the new one, never a mix: when the folder holds nothing but files of the set, the new set is written
     * into a folder beside it, which then takes its place by two renames (killed between them, the folder is
     * missing, never mixed; the next run clears what was left). Otherwise each file is staged and moved in.
     */
    static List<Path> publishSet(Path dir, Map<String, String> files) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String base = abs.getFileName() == null ? null : abs.getFileName().toString();
        // never the folder this process (and the shell that started it) works in, nor one holding it
        boolean working = Path.of("").toAbsolutePath().normalize().startsWith(abs);
        if (parent == null || base == null || working || !onlyFilesOf(abs, files.keySet())) {
            return publish(dir, files);
        }
        clearLeftovers(parent, base);
        // created as any folder is (the umask's permissions; a temporary directory would be the owner's alone)
        Path fresh = Files.createDirectory(parent.resolve("." + base + ".new-" + ProcessHandle.current().pid()));
        Path old = parent.resolve("." + base + ".old-" + ProcessHandle.current().pid());
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(fresh.resolve(f.getKey()), f.getValue());
            }
            boolean existed = Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (existed) {
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(fresh, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (existed) {
                    Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
        } catch (IOException e) {
            // a folder that cannot be renamed (the working directory of another process, a mount point): file by file
            deleteTree(fresh);
            return publish(dir, files);
        }
        deleteTree(old);
        List<Path> out = new ArrayList<>();
        files.keySet().forEach(name -> out.add(dir.resolve(name)));
        return out;
    }

    private static boolean onlyFilesOf(Path dir, java.util.Set<String> names) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> names.contains(p.getFileName().toString()) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** What an earlier run killed between its renames left beside the folder. */
    private static void clearLeftovers(Path parent, String base) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("." + base + ".new-")
                    || p.getFileName().toString().startsWith("." + base + ".old-")).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (java.util.stream.Stream<Path> s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }

    /** Writes the files (name to text) into the folder: all staged first, then each moved into place. */
    static List<Path> publish(Path dir, Map<String, String> files) throws IOException {
        List<Path[]> staged = new ArrayList<>();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey());
                Path tmp = Files.createTempFile(dir, "." + f.getKey() + ".", ".tmp");
                staged.add(new Path[] {tmp, target});
                Files.writeString(tmp, f.getValue());
            }
            List<Path> out = new ArrayList<>();
            for (Path[] s : staged) {
                Files.move(s[0], s[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.add(s[1]);
            }
            return out;
        } finally {
            for (Path[] s : staged) {
                Files.deleteIfExists(s[0]);
            }
        }
    }
}
