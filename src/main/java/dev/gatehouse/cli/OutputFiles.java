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
