package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.policy.TextFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Many questions of one organization in one process: the facts are read and prepared once "
                + "(the role assumptions decided once, the escalation analysis made once), and every question is "
                + "asked of them at one moment.",
                "The questions file has one question a line, written as its command line without --facts: "
                        + "`who-can --resource arn:aws:s3:::acme-prod-data/x --access read`, `what-can --principal ARN`, "
                        + "`who-can-assume --role ARN`, `can-reach --from ARN --to ARN`, `privesc --principal ARN`; "
                        + "words with spaces in double quotes; blank lines and lines starting with # are skipped.",
                "Each answer is printed after a `# line N: …` header (or, with --format json, as one JSON line: line, question, "
                        + "exitCode, answer). Exit code 0 when every question was answered, 1 when one could not be."})
final class BatchCommand implements Callable<Integer> {
    private static final List<Class<?>> ASKABLE = List.of(WhoCanCommand.class, WhatCanCommand.class,
            AssumeCommands.WhoCanAssume.class, AssumeCommands.CanReach.class, PrivescCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--facts", paramLabel = "PATH", description = "a facts directory or one GAAD file (default: ${DEFAULT-VALUE})")
    Path facts = Path.of("facts");

    @Option(names = "--questions", required = true, paramLabel = "FILE", description = "the questions, one a line")
    Path questions;

    @Option(names = "--format", paramLabel = "table|json", description = "table: each answer as its command prints it; "
            + "json: one JSON line a question (default: ${DEFAULT-VALUE})")
    String format = "table";

    @Option(names = "--open-time", description = "leave aws:CurrentTime and aws:TokenIssueTime unknown for every question")
    boolean openTime;

    @Option(names = "--quiet", description = "do not print the loading summary and problems on standard error")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("table") && !format.equals("json")) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--format", "expected `table` or `json`, found `" + format + "`"));
        }
        String text = TextFile.read(questions);
        // every line is checked before the facts are read: a typo costs no load
        List<Question> asked = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1);
            try {
                String[] words = words(line);
                Class<?> command = ASKABLE.stream().filter(c -> Main.name(c).equals(words[0])).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("`" + words[0] + "` is not a question a batch asks; expected one of "
                                + String.join(", ", ASKABLE.stream().map(Main::name).toList())));
                for (String w : words) {
                    if (w.equals("--facts") || w.startsWith("--facts=")) {
                        throw new IllegalArgumentException("a question takes its facts from the batch: remove --facts (give it to batch)");
                    }
                }
                asked.add(new Question(i + 1, command, words));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ProblemCode.USAGE, questions.toString(), where, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        if (asked.isEmpty()) {
            throw new InputException(new Problem(ProblemCode.USAGE, questions.toString(), "", "no question in the file"));
        }
        FactsOptions load = new FactsOptions();
        load.facts = facts;
        load.quiet = quiet;
        load.openTime = openTime;
        Snapshots snapshots = new Snapshots(load.load(err, Map.of()));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == FactsOptions.class) {
                    FactsOptions f = new FactsOptions();
                    f.batch = snapshots;
                    return cls.cast(f);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        boolean failed = false;
        for (Question q : asked) {
            String[] words = q.words();
            String question = String.join(" ", words);
            List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
            args.add("--quiet");
            if (format.equals("json") && args.stream().noneMatch(a -> a.equals("--format") || a.startsWith("--format="))) {
                args.add("--format");
                args.add("json");
            }
            StringWriter answer = new StringWriter();
            String prefix = "gatehouse: " + questions + " line " + q.line() + ": ";
            CommandLine cl = Main.handled(new CommandLine(Main.instance(q.command()), factory), prefix);
            cl.setOut(new PrintWriter(answer));
            StringWriter problemsOut = new StringWriter();
            cl.setErr(new PrintWriter(problemsOut));
            cl.setParameterExceptionHandler((ex, a) -> {
                ex.getCommandLine().getErr().println(prefix + ex.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
                return Main.ERROR;
            });
            int code = cl.execute(args.toArray(String[]::new));
            cl.getOut().flush();
            cl.getErr().flush();
            failed |= code == Main.ERROR;
            String said = problemsOut.toString();
            err.print(said.lines().map(l -> l.startsWith("gatehouse: ") ? l : prefix + l).reduce("", (a, b) -> a + b + "\n"));
            err.flush();
            if (format.equals("json")) {
                ObjectNode line = Json.mapper().createObjectNode();
                line.put("line", q.line());
                line.put("question", question);
                line.put("exitCode", code);
                String body = answer.toString().trim();
                if (code == Main.ERROR || body.isEmpty()) {
                    line.putNull("answer");
                    var errors = line.putArray("errors");
                    said.lines().forEach(l -> errors.add(l.startsWith(prefix) ? l.substring(prefix.length()) : l));
                } else {
                    line.set("answer", Json.parse(body, "the answer to line " + q.line()));
                }
                out.println(Json.mapper().writeValueAsString(line));
            } else {
                out.println("# line " + q.line() + ": " + question + (code == 0 ? "" : "   (exit code " + code + ")"));
                out.print(answer);
                out.println();
            }
            out.flush();
        }
        return failed ? Main.ERROR : Main.ALLOWED;
    }

    /** A question of the file: its line, its command and its words (the command's name first). */
    private record Question(int line, Class<?> command, String[] words) {
    }

    /** A question line's words: split at spaces, with "double quotes" around a word that holds one. */
    static String[] words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a double quote is not closed");
        }
        if (any) {
            out.add(w.toString());
        }
        return out.toArray(String[]::new);
    }
}
