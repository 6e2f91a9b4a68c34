package dev.gatehouse.api;

import dev.gatehouse.engine.Evaluator;
import dev.gatehouse.engine.RuleBase;
import dev.gatehouse.load.CaseReader;
import dev.gatehouse.load.FactsLoader;
import dev.gatehouse.load.RequestCase;
import java.nio.file.Path;

/**
 * Gatehouse as a library: decide one request, or load an organization and ask it questions. The rule
 * base shipped in the jar decides every answer; nothing here prints.
 *
 * <p>Decide one request:
 * <pre>{@code
 * Decision d = Gatehouse.decide(AccessRequest.of("arn:aws:iam::111111111111:user/alice", "s3:GetObject",
 *         "arn:aws:s3:::acme-prod-data/q3.csv", "111111111111")
 *     .withIdentityPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
 *         + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
 * d.verdict();      // Verdict.ALLOWED
 * d.allowedBy();    // identity policy statement 0, and every gate's allowing statement
 * }</pre>
 *
 * <p>Who can read a bucket, who can become administrator:
 * <pre>{@code
 * OrgSnapshot org = Gatehouse.load(Path.of("facts"), Options.defaults());
 * org.whoCan("arn:aws:s3:::acme-prod-data/reports/q3.csv", List.of("s3:GetObject"));
 * org.escalations(ProgressListener.NONE).stream().filter(EscalationAnswer::canEscalate).toList();
 * }</pre>
 */
public final class Gatehouse {
    /** The evaluator of the shipped rules, made at first use. */
    private static final class Shipped {
        static final Evaluator EVALUATOR = new Evaluator(RuleBase.shipped());
    }

    private Gatehouse() {
    }

    /**
     * Decides one request with its reasons. A request that cannot be evaluated (a policy that does not
     * parse, a missing field) throws {@link InputException} with one problem per line.
     */
    public static Decision decide(AccessRequest request) {
        RequestCase rc = new CaseReader("request").readOne(request.toCase());
        if (!rc.ok()) {
            throw new InputException(rc.problems());
        }
        return Shipped.EVALUATOR.evaluate(rc.request());
    }

    /**
     * Loads a facts directory (or one GAAD file) and prepares it for questions. Problems in the input are
     * not thrown: they are in {@link OrgSnapshot#problems()}, and what could be read still loads.
     */
    public static OrgSnapshot load(Path facts, Options options) {
        return new OrgSnapshot(FactsLoader.load(facts), options, RuleBase.shipped());
    }

    /**
     * Loads the facts of the organization at another moment — after a change — to compare with {@code before}
     * ({@link #diff}): under before's options (the same time, the same fixed keys). When {@code before} remembers
     * its decisions ({@link OrgSnapshot#remembering()}), a request alike in every input to one that it decided
     * (caller, action, resource, context and each policy that bears on it, by content) takes that decision rather
     * than being decided again, and what this snapshot decides is remembered too: what a change did not touch is
     * not decided twice, so the diff of a large organization costs little more than one report.
     *
     * <pre>{@code
     * OrgSnapshot before = Gatehouse.load(Path.of("facts-main"), Options.defaults()).remembering();
     * OrgSnapshot after = Gatehouse.loadAfter(Path.of("facts-branch"), before);
     * List<AccessChange> changes = Gatehouse.diff(before, after, ProgressListener.NONE);
     * }</pre>
     */
    public static OrgSnapshot loadAfter(Path facts, OrgSnapshot before) {
        return before.after(FactsLoader.load(facts));
    }

    /**
     * Builds the rule base that decides requests now rather than at the first question: call it on another
     * thread while the input loads (the command line does) to overlap the two. Idempotent.
     */
    public static void prepare() {
        RuleBase.shipped().kieBase();
    }

    /**
     * Every access gained and lost from one organization to another (the same facts before and after a change): who
     * can read, write and manage each resource, who can assume each role, who is or can become administrator, each
     * change with the statements that cause it. Gains first.
     */
    public static java.util.List<AccessChange> diff(OrgSnapshot before, OrgSnapshot after, ProgressListener progress) {
        return dev.gatehouse.query.AccessDiff.of(before.report(progress), after.report(progress), before.escalations(progress),
                after.escalations(progress), after::whyNot);
    }

    /** {@link #load(Path, Options)} with {@link Options#defaults()}. */
    public static OrgSnapshot load(Path facts) {
        return load(facts, Options.defaults());
    }
}
