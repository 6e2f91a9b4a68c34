package dev.gatehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command line: a thin layer over the library. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "AWS IAM access reasoner: decides requests the way AWS does, with the proof.",
        subcommands = {EvaluateCommand.class, WhoCanCommand.class, WhatCanCommand.class, AssumeCommands.WhoCanAssume.class,
                AssumeCommands.CanReach.class, PrivescCommand.class, ReportCommand.class, BenchCommand.class, BenchOrgCommand.class, BenchPrivescCommand.class, DiffTestCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int ALLOWED = 0;
    public static final int ERROR = 1;
    public static final int DENIED = 2;
    public static final int CONDITIONAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: evaluate or bench");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(110);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof dev.gatehouse.api.InputException ie) {
                ie.problems().forEach(p -> line.getErr().println("gatehouse: " + p));
                return ERROR;
            }
            line.getErr().println("gatehouse: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return ERROR;
        });
        cl.setExitCodeExceptionMapper(ex -> ERROR);
        return cl.execute(args);
    }
}
