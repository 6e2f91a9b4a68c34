package dev.gatehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the command line knows of where it writes: whether standard output or error is a terminal, and how wide it is. */
final class Terminal {
    private Terminal() {
    }

    /** Whether file descriptor {@code fd} (1 standard output, 2 standard error) is a terminal: on Linux what it points at, elsewhere whether there is a console. */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    /**
     * The width tables are fitted to: {@code COLUMNS} when the environment gives it, else the terminal's own
     * ({@code stty size}) when standard output is one; 0 — no limit — when the output goes to a file or a pipe.
     */
    static int columns() {
        String env = System.getenv("COLUMNS");
        if (env != null && env.matches("\\d{2,4}")) {
            return Integer.parseInt(env);
        }
        if (!isTerminal(1)) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            if (p.waitFor(2, TimeUnit.SECONDS)) {
                String[] size = new String(p.getInputStream().readAllBytes()).trim().split("\\s+");
                if (size.length == 2 && size[1].matches("\\d+")) {
                    return Integer.parseInt(size[1]);
                }
            } else {
                p.destroyForcibly();
            }
        } catch (Exception e) {
            // no stty: the usual width
        }
        return 100;
    }
}
