package dev.gatehouse.cli;

import dev.gatehouse.api.OrgSnapshot;
import dev.gatehouse.api.EscalationAnswer;

import dev.gatehouse.report.EscalationFormats;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** privesc: who is administrator, who can become one, and the shortest paths with their proof. */
@Command(name = "privesc", mixinStandardHelpOptions = true,
        description = {"For every user and role: whether it is administrator-equivalent already (allowed every action on "
                + "every resource), whether it can escalate to an administrator, and its shortest paths — each step with "
                + "the edge (sts:AssumeRole, iam:CreateAccessKey, iam:PassRole+lambda:CreateFunction+…, iam:AttachUserPolicy on "
                + "itself, …) and the decided requests that prove it. Edges and the definition of administrator live in "
                + "rules/escalation/ (05-edge-requests.drl, 10-recipes.drl, 20-edges.drl, 30-administrators.drl).",
                "Time: the attacker is taken to act now with fresh credentials (aws:CurrentTime and aws:TokenIssueTime = now) "
                + "unless --context fixes them or --open-time leaves them unknown.",
                "Exit code 0 when no principal that is not administrator can become one, 2 when some can."})
final class PrivescCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FactsOptions opts;

    @Option(names = "--principal", paramLabel = "ARN", description = "answer for this user or role only")
    String principal;

    @Option(names = "--all", description = "in the table, list principals that neither are nor can become administrator too")
    boolean all;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the escalation graph as an HTML page (an SVG "
            + "picture of the paths, administrators on the right, and the paths with their proof as a table)")
    java.nio.file.Path html;

    @Override
    public Integer call() throws Exception {
        FactsOptions.arnOption("--principal", principal);
        PrintWriter err = spec.commandLine().getErr();
        if (html != null) {
            OutputFiles.file(html, "--html");
        }
        OrgSnapshot org = opts.load(err);
        if (principal != null) {
            principal = org.principalArn(principal, "--principal");
        }
        List<EscalationAnswer> answers = principal != null ? List.of(org.escalation(principal, opts.stages(err)))
                : org.escalations(opts.stages(err));
        long admins = answers.stream().filter(EscalationAnswer::admin).count();
        long esc = answers.stream().filter(EscalationAnswer::canEscalate).count();
        String title = principal != null ? principal + (answers.get(0).admin() ? " is administrator" : answers.get(0).canEscalate()
                ? " can become administrator" + (answers.get(0).conditional() ? " (under conditions)" : "") : " cannot become administrator")
                : dev.gatehouse.policy.Printable.count(answers.size(), "principal") + ": " + dev.gatehouse.policy.Printable.count(admins, "administrator") + ", " + esc + " can escalate to administrator";
        if (html != null) {
            OutputFiles.publish(html.toAbsolutePath().getParent(), java.util.Map.of(html.getFileName().toString(),
                    dev.gatehouse.report.EscalationGraph.html("Who can become administrator: " + opts.facts, answers)));
        }
        Output.print(spec.commandLine().getOut(), opts, title, EscalationFormats.header(),
                sep -> EscalationFormats.rows(answers, sep, all || principal != null), EscalationFormats.json(answers, org.incomplete()));
        EscalationAnswer one = answers.get(0);
        if (principal != null && opts.format.equals("table") && !one.nearMisses().isEmpty()) {
            // why not: the requests an escalation begins with that a policy allows it, and why each leads nowhere
            PrintWriter out = spec.commandLine().getOut();
            out.println();
            out.println("why not — the nearest misses:");
            one.nearMisses().forEach(m -> out.println("  - " + (opts.wide || opts.soleAccount == null ? m : Output.shortNames(m, opts.soleAccount))));
            out.flush();
        }
        // an answer about a principal whose policies could not all be read may miss a way up: not a clean answer
        long unread = answers.stream().filter(a -> org.incomplete().containsKey(a.principal())).count();
        return Output.exitCode(spec.commandLine().getOut(), opts.format, unread, answers.size(), esc > 0 ? Main.DENIED : Main.ALLOWED);
    }
}
