package dev.gatehouse.cli;

import dev.gatehouse.api.ProgressListener;
import dev.gatehouse.collect.CollectOptions;
import dev.gatehouse.collect.Collector;
import dev.gatehouse.collect.NotRead;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Collects a facts folder from live AWS accounts with read-only calls: from the management account "
                + "(or a delegated administrator) the organization, its OUs, accounts, SCPs and RCPs (organization.json); for "
                + "each account, by assuming --role-name in it (the current account needs none), every page of "
                + "get-account-authorization-details (iam.json) and the policies and tags of S3 buckets, KMS keys, SQS queues, "
                + "SNS topics, Secrets Manager secrets, Lambda functions and ECR repositories in every --region (s3/, kms/, "
                + "resources.json). What could not be read is named on standard error and recorded in the account's "
                + "collected.json, and answers about it are refused or marked incomplete. An account already collected is "
                + "skipped unless --refresh. Credentials: the SDK's default chain (environment, AWS_PROFILE, SSO, instance "
                + "role) or --profile. Exit code 0 when everything was read, 1 when something was not.",
                "",
                "Example: gatehouse collect --out facts-acme --region us-east-1 --region eu-west-1"})
public final class CollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the facts folder to write (created if missing)")
    Path out;

    @Option(names = "--profile", paramLabel = "P", description = "a profile of ~/.aws/config (default: the SDK's default credential chain)")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "a region to read KMS, SQS, SNS, Secrets Manager, Lambda and ECR in; "
            + "repeatable (default: us-east-1). IAM, S3 and Organizations are global.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--role-name", paramLabel = "NAME", description = "the role assumed in each account but the current one "
            + "(default: ${DEFAULT-VALUE})")
    String roleName = CollectOptions.DEFAULT_ROLE;

    @Option(names = "--accounts", paramLabel = "ID,…", split = ",", description = "only these accounts (default: every active "
            + "account of the organization, or the current account when there is none)")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--services", paramLabel = "S,…", split = ",", description = "only these services, of: iam, s3, kms, sqs, sns, "
            + "secretsmanager, lambda, ecr (default: all)")
    List<String> services = new ArrayList<>();

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "send every call to this endpoint instead of AWS's (an "
            + "emulator such as moto's server)")
    URI endpoint;

    @Option(names = "--refresh", description = "collect accounts already collected again (default: skip them)")
    boolean refresh;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        OutputFiles.folder(out, "--out");
        long t0 = System.nanoTime();
        Collector.Summary s = Collector.collect(new CollectOptions(out, profile, regions, roleName, accounts, services, endpoint, refresh),
                new ProgressListener() {
                    @Override
                    public void stage(String message) {
                        if (!quiet) {
                            err.println("gatehouse: collect: " + message);
                            err.flush();
                        }
                    }

                    @Override
                    public void advanced(String task, int done, int total) {
                        if (!quiet) {
                            err.printf("gatehouse: collect: %d/%d accounts (%.0f s)%n", done, total, (System.nanoTime() - t0) / 1e9);
                            err.flush();
                        }
                    }
                });
        PrintWriter o = spec.commandLine().getOut();
        long collected = s.accounts().stream().filter(a -> a.status() != Collector.Status.SKIPPED).count();
        long skipped = s.accounts().size() - collected;
        o.println("collected " + collected + (collected == 1 ? " account" : " accounts") + (skipped > 0 ? " (" + skipped
                + " skipped: already collected)" : "") + (s.organization() != null ? " of organization " + s.organization() : "")
                + " into " + out);
        List<String> lines = new ArrayList<>();
        s.organizationNotRead().forEach(n -> lines.add("organization: " + n));
        for (Collector.AccountResult a : s.accounts()) {
            for (NotRead n : a.notRead()) {
                if (!s.organizationNotRead().contains(n)) {
                    lines.add(a.id() + ": " + n);
                }
            }
        }
        if (!lines.isEmpty()) {
            o.println("INCOMPLETE: " + lines.size() + (lines.size() == 1 ? " call" : " calls") + " could not be read (recorded in "
                    + "accounts/<id>/collected.json; questions about what they leave unknown are refused or marked incomplete):");
            lines.forEach(l -> o.println("  " + l));
            o.println("Allow these calls to the collecting principal (see the README's policy for collect) and run again with --refresh.");
        } else {
            o.println("every call was read: `gatehouse report --facts " + out + "` answers for the whole organization.");
        }
        o.flush();
        return lines.isEmpty() ? Main.ALLOWED : Main.ERROR;
    }
}
