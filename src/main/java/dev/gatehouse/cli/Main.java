package dev.gatehouse.cli;

import dev.gatehouse.tools.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command line: a thin layer over the library. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "AWS IAM access reasoner: decides requests the way AWS does, with the proof.",
        commandListHeading = "%nQuestions:%n")
public final class Main implements Runnable {
    /** The auditor's commands, in the order --help lists them (the developers' tools follow: {@link Tools}). */
    private static final List<Class<?>> QUESTIONS = List.of(EvaluateCommand.class, WhoCanCommand.class, WhatCanCommand.class,
            AssumeCommands.WhoCanAssume.class, AssumeCommands.CanReach.class, PrivescCommand.class, ReportCommand.class,
            BatchCommand.class, FindingsCommand.class, CheckCommand.class, DiffCommand.class, CollectCommand.class, CommandLine.HelpCommand.class);
    public static final int ALLOWED = 0;
    public static final int ERROR = 1;
    public static final int DENIED = 2;
    public static final int CONDITIONAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: who-can, privesc, report, evaluate, … "
                + "(gatehouse --help lists them)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    static Object instance(Class<?> command) {
        try {
            var c = command.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the command " + command.getName(), e);
        }
    }

    /**
     * A command-line mistake in one line, with the nearest options or commands for one it does not know
     * ({@code unknown option `--fromat`; did you mean `--format`?}) instead of the whole usage.
     */
    static String usage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            CommandLine.Model.CommandSpec spec = u.getCommandLine().getCommandSpec();
            List<String> names = new ArrayList<>();
            boolean option = first.startsWith("-");
            if (option) {
                spec.options().forEach(o -> names.addAll(java.util.Arrays.asList(o.names())));
            } else {
                names.addAll(spec.subcommands().keySet());
            }
            String name = option && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            String near = dev.gatehouse.policy.Suggest.didYouMean(name, names);
            if (!option && spec.subcommands().isEmpty()) {
                return "unexpected argument `" + first + "`" + (u.getUnmatched().size() > 1 ? " (and " + (u.getUnmatched().size() - 1) + " more)" : "");
            }
            return "unknown " + (option ? "option" : "command") + " `" + name + "`" + near;
        }
        String m = ex.getMessage();
        return m == null ? "invalid command line" : m.replace('\n', ' ');
    }

    /** A problem as the command line prints it: its line, and its code of the catalog ({@code [GH102]}). */
    static String line(dev.gatehouse.api.Problem p) {
        return p + " [" + p.code().code() + "]";
    }

    public static int run(String... args) {
        String asked = args.length > 0 ? args[0] : "";
        boolean question = !asked.equals("help") && !asked.equals("collect") && QUESTIONS.stream().anyMatch(c -> name(c).equals(asked));
        if (question) {
            // the rules build on another core while the command line is read and the input loads
            java.util.concurrent.CompletableFuture.runAsync(dev.gatehouse.api.Gatehouse::prepare);
        }
        CommandLine cl = new CommandLine(new Main());
        // reading a command's options takes picocli ~10 ms a command: only the one asked for, unless none is
        // named (the overview in --help and the suggestions for a mistyped command need them all)
        boolean one = question || Tools.commands().stream().anyMatch(c -> name(c).equals(asked));
        for (Class<?> c : QUESTIONS) {
            if (!one || name(c).equals(asked)) {
                cl.addSubcommand(name(c), instance(c));
            }
        }
        List<String> tools = new ArrayList<>();
        for (Class<?> tool : Tools.commands()) {
            if (!one || name(tool).equals(asked)) {
                cl.addSubcommand(name(tool), instance(tool));
            }
            tools.add(name(tool));
        }
        cl.setUsageHelpWidth(110);
        // the auditor's commands first, the developers' tools apart
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
            Map<String, CommandLine.Help> questions = new LinkedHashMap<>();
            Map<String, CommandLine.Help> developers = new LinkedHashMap<>();
            help.subcommands().forEach((name, h) -> (tools.contains(name) ? developers : questions).put(name, h));
            return help.commandList(questions) + String.format("%nTools for developers:%n") + help.commandList(developers);
        });
        return handled(cl, "gatehouse: ").execute(args);
    }

    /** A problem becomes its line on standard error (after {@code prefix}) and exit code 1; anything else is an internal error. */
    static CommandLine handled(CommandLine cl, String prefix) {
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof dev.gatehouse.api.InputException ie) {
                ie.problems().forEach(p -> line.getErr().println(prefix + line(p)));
                return ERROR;
            }
            line.getErr().println(prefix + "internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine at = ex.getCommandLine();
            at.getErr().println(prefix + usage(ex) + " [" + dev.gatehouse.api.ProblemCode.USAGE.code() + "]");
            at.getErr().println(prefix + "`" + at.getCommandSpec().qualifiedName() + " --help` lists what it takes");
            at.getErr().flush();
            return ERROR;
        });
        cl.setExitCodeExceptionMapper(ex -> ERROR);
        return cl;
    }
}
