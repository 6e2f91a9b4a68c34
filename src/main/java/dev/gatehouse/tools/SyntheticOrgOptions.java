package dev.gatehouse.tools;

import dev.gatehouse.tools.gen.OrgGenerator;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the benchmarks on synthetic organizations: how many accounts, which managed policies, which seed. */
final class SyntheticOrgOptions {
    @Option(names = "--accounts", description = "accounts (default: ${DEFAULT-VALUE})")
    int accounts = 10;

    @Option(names = "--managed", description = "AWS managed policies to draw from (default: ${DEFAULT-VALUE})")
    Path managed = Path.of("../shared/data/managed-policies.json.gz");

    @Option(names = "--seed", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed = 42;

    OrgGenerator generator() throws IOException {
        return new OrgGenerator(seed, managed);
    }
}
