package dev.gatehouse.cli;

import dev.gatehouse.api.OrgSnapshot;

import dev.gatehouse.api.Access;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "what-can", mixinStandardHelpOptions = true,
        description = {"The actions a principal (a user, or a role as its sessions) can perform: on each resource of "
                + "the facts, and on the resource patterns its own policies name, each Allowed or Conditional."})
public final class WhatCanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FactsOptions opts;

    @Option(names = "--principal", required = true, paramLabel = "ARN", description = "a user or role of the facts: its ARN, or its name when one principal alone has it (alice, DeployRole)")
    String principal;

    @Option(names = "--service", paramLabel = "PREFIX", description = "only this service's actions, e.g. s3")
    String service;

    @Option(names = "--resource", paramLabel = "PATTERN", description = "only resources matching this pattern (* and ?)")
    String resourcePattern;

    @Override
    public Integer call() throws Exception {
        FactsOptions.arnOption("--principal", principal);
        if (service != null && !dev.gatehouse.policy.ActionCatalog.shipped().services().contains(service.toLowerCase(java.util.Locale.ROOT))) {
            throw new dev.gatehouse.api.InputException(new dev.gatehouse.api.Problem(dev.gatehouse.api.ProblemCode.USAGE, "", "--service",
                    "the action catalog has no service `" + service + "`" + dev.gatehouse.policy.Suggest.didYouMean(service,
                            dev.gatehouse.policy.ActionCatalog.shipped().services())));
        }
        OrgSnapshot org = opts.load(spec.commandLine().getErr());
        principal = org.principalArn(principal, "--principal");
        List<Access> entries = org.whatCan(principal, service, resourcePattern);
        WhoCanCommand.print(spec.commandLine().getOut(), opts, "resource", entries,
                "what " + principal + " can do: " + dev.gatehouse.policy.Printable.count(entries.size(), "resource and access-level group"));
        return Main.ALLOWED;
    }
}
