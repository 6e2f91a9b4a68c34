package dev.gatehouse.cli;

import dev.gatehouse.api.ProblemCode;

import java.util.Map;
import dev.gatehouse.api.Reach;
import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.policy.ActionCatalog;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.Access;
import dev.gatehouse.report.AnswerFormats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "who-can", mixinStandardHelpOptions = true,
        description = {"Every principal of the facts — users, roles (as their sessions), other accounts and their "
                + "principals named by the resource policy, service principals, the public — that can perform the "
                + "action(s) on a resource, directly or through roles it can assume.",
                "Decision: Allowed, or Conditional with the conditions on request context that must hold (or must not, "
                        + "for denies). Exit code 0 when the question was answered."})
public final class WhoCanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FactsOptions opts;

    @Option(names = "--resource", required = true, paramLabel = "ARN", description = "the resource")
    String resource;

    @Option(names = "--action", paramLabel = "ACTION", description = "an action; repeat for several")
    List<String> actions = new ArrayList<>();

    @Option(names = "--access", paramLabel = "LEVEL", description = "read (Read and List actions), write, list, "
            + "tagging or permissions: every catalog action of that level that applies to the resource's type")
    List<String> access = new ArrayList<>();

    @Option(names = "--resource-account", paramLabel = "ID", description = "the account that owns the resource, "
            + "when it is not in the facts and its ARN names none (S3)")
    String resourceAccount;

    @Option(names = "--direct", description = "leave out principals that reach the access only through role assumption")
    boolean direct;

    @Option(names = "--with-escalation", description = "also list principals that reach the access through privilege "
            + "escalation (iam:CreateAccessKey, iam:PassRole + a service, iam:AttachUserPolicy on themselves, …; see privesc): "
            + "their path names each edge and the state it leads to")
    boolean withEscalation;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FactsOptions.arnOption("--resource", resource);
        List<String> acts = actions(resource, actions, access);
        if (resourceAccount != null && !resourceAccount.matches("\\d{12}")) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--resource-account", "expected a 12-digit account id, found `"
                    + resourceAccount + "`"));
        }
        PrintWriter err = spec.commandLine().getErr();
        OrgSnapshot org = opts.load(err, resourceAccount == null ? Map.of() : Map.of(resource, resourceAccount));
        if (withEscalation && direct) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "--with-escalation", "cannot be combined with --direct"));
        }
        Reach reach = withEscalation ? Reach.THROUGH_ESCALATION : direct ? Reach.DIRECT : Reach.THROUGH_ROLES;
        List<String> near = org.nearResources(resource);
        if (!near.isEmpty()) {
            err.println("gatehouse: `" + resource + "` is not in the facts" + dev.gatehouse.policy.Suggest.didYouMean(near)
                    + " (answered for it as given: only identity policies can grant it)");
            err.flush();
        }
        if (org.ownerTakenFromSoleAccount(resource)) {
            err.println("gatehouse: `" + resource + "` names no account and is not in the facts: taken as owned by "
                    + org.resourceAccount(resource) + ", the one account of the facts (give --resource-account to say otherwise)");
            err.flush();
        }
        List<Access> entries = org.whoCan(resource, acts, reach, opts.stages(err));
        print(out, opts, "principal", entries, "who can " + (access.isEmpty() ? String.join(", ", acts) : String.join(" or ",
                        access.stream().map(WhoCanCommand::verb).toList()) + (actions.isEmpty() ? "" : " or " + String.join(", ", actions)))
                + " " + resource + ": " + dev.gatehouse.policy.Printable.count(entries.stream().map(Access::principal).distinct().count(), "principal"));
        return Output.exitCode(out, opts.format, entries.stream().filter(e -> e.incomplete() != null).count(), entries.size(),
                Main.ALLOWED);
    }

    /** An access level as a verb of the title: {@code who can manage the permissions of arn:…}. */
    private static String verb(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "tagging" -> "tag";
            case "permissions" -> "manage the permissions of";
            default -> level.toLowerCase(Locale.ROOT);
        };
    }

    static List<String> actions(String resource, List<String> actions, List<String> access) {
        List<String> acts = new ArrayList<>(actions);
        if (!access.isEmpty()) {
            EnumSet<ActionCatalog.Access> levels = EnumSet.noneOf(ActionCatalog.Access.class);
            for (String a : access) {
                try {
                    levels.add(ActionCatalog.Access.valueOf(a.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InputException(new Problem(ProblemCode.USAGE, "", "--access", "expected read, write, list, tagging or "
                            + "permissions, found `" + a + "`"));
                }
            }
            List<String> found = ActionCatalog.shipped().actionsOn(resource, levels);
            if (found.isEmpty()) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "--resource", "the action catalog knows no resource type "
                        + "whose ARN format fits `" + resource + "`; name the actions with --action"));
            }
            acts.addAll(found);
        }
        if (acts.isEmpty()) {
            throw new InputException(new Problem(ProblemCode.USAGE, "", "", "give --action or --access"));
        }
        for (String a : acts) {
            if (!a.matches("[A-Za-z0-9-]+:[A-Za-z0-9]+")) {
                throw new InputException(new Problem(ProblemCode.USAGE, "", "--action", "expected an action such as `s3:GetObject`, found `" + a + "`"));
            }
            FactsOptions.actionOption("--action", a);
        }
        return acts;
    }

    static void print(PrintWriter out, FactsOptions opts, String first, List<Access> entries, String title) throws Exception {
        Output.print(out, opts, title, opts.explain ? AnswerFormats.explained(AnswerFormats.header(first)) : AnswerFormats.header(first),
                sep -> opts.explain ? AnswerFormats.explainedRows(entries, sep, !opts.wide) : AnswerFormats.rows(entries, sep, !opts.wide),
                AnswerFormats.json(entries));
    }
}
