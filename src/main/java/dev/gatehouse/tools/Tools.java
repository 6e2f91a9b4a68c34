package dev.gatehouse.tools;

import java.util.List;

/**
 * The developers' commands — benchmarks and differential testing — apart from the auditor's: not part of
 * the library (the module exports only {@code dev.gatehouse.api}), listed last by {@code gatehouse --help}.
 */
public final class Tools {
    static final int OK = 0;
    static final int FAILED = 1;

    private Tools() {
    }

    /** The tool commands, in the order --help lists them. */
    public static List<Class<?>> commands() {
        return List.of(BenchCommand.class, BenchOrgCommand.class, BenchPrivescCommand.class, DiffTestCommand.class);
    }
}
