package dev.gatehouse.cli;

import java.io.PrintWriter;

/**
 * A long task's progress on standard error as a person reads it: on a terminal one line that updates in place
 * (at most once a second, ended when the task is), in a log or a pipe a plain line every five seconds and one at the
 * end — never carriage returns piling up in a file.
 */
public final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private final long t0 = System.nanoTime();
    private long last;
    private boolean open;

    public Progress(PrintWriter err) {
        this(err, Terminal.isTerminal(2));
    }

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** {@code task done/total (s)}: printed when it is time to, and always at the end. */
    public synchronized void advanced(String task, int done, int total) {
        long now = System.nanoTime();
        boolean end = done >= total;
        if (!end && now - last < (terminal ? 1_000_000_000L : 5_000_000_000L)) {
            return;
        }
        last = now;
        String line = String.format("gatehouse: %s %d/%d (%.0f s)", task, done, total, (now - t0) / 1e9);
        if (terminal) {
            // back to the start of the line, and clear what a longer line left
            err.print("\r" + line + "\u001b[K");
            open = !end;
            if (end) {
                err.println();
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** A line of its own (a stage of the work), after ending an updating line. */
    public synchronized void line(String message) {
        if (open) {
            err.println();
            open = false;
        }
        err.println("gatehouse: " + message);
        err.flush();
    }
}
