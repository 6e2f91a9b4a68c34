package dev.gatehouse.query;

import dev.gatehouse.api.AccessChange;
import dev.gatehouse.api.EscalationAnswer;
import dev.gatehouse.api.ReportRow;
import dev.gatehouse.api.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every access gained and lost between two organizations' reports and escalation answers: a row of one that the
 * other lacks (by resource, access and principal: another path to the same access is no change), a row whose
 * actions grew or shrank, one that became Allowed from Conditional (gained) or Conditional from Allowed (lost), and
 * who became or stopped being administrator or able to become one.
 */
public final class AccessDiff {
    /** The S3 actions that act on objects (arn:aws:s3:::bucket/key), from the action catalog. */
    private static final java.util.Set<String> OBJECT_ACTIONS = java.util.Set.copyOf(dev.gatehouse.policy.ActionCatalog.shipped()
            .actionsOn("arn:aws:s3:::bucket/*", java.util.EnumSet.allOf(dev.gatehouse.policy.ActionCatalog.Access.class)));

    private AccessDiff() {
    }

    /**
     * {@code whyNot}: for a lost access, why the principal may no longer do it directly after the change (the Deny
     * that now stands, the gate that lacks an Allow), given principal, action and resource; added to what granted it.
     */
    public static List<AccessChange> of(List<ReportRow> before, List<ReportRow> after, List<EscalationAnswer> was,
                                        List<EscalationAnswer> is, WhyNot whyNot) {
        Map<String, ReportRow> b = byKey(before);
        Map<String, ReportRow> a = byKey(after);
        List<AccessChange> out = new ArrayList<>();
        for (Map.Entry<String, ReportRow> e : a.entrySet()) {
            ReportRow now = e.getValue();
            ReportRow then = b.get(e.getKey());
            if (then == null) {
                out.add(new AccessChange(true, now.access(), now.resource(), now.principal(), null, now.decision(), now.actions(), now.grants()));
                continue;
            }
            List<String> more = now.actions().stream().filter(x -> !then.actions().contains(x)).toList();
            List<String> fewer = then.actions().stream().filter(x -> !now.actions().contains(x)).toList();
            boolean widened = then.decision() == Verdict.CONDITIONAL && now.decision() == Verdict.ALLOWED;
            boolean narrowed = then.decision() == Verdict.ALLOWED && now.decision() == Verdict.CONDITIONAL;
            if (!more.isEmpty() || widened) {
                out.add(new AccessChange(true, now.access(), now.resource(), now.principal(), then.decision(), now.decision(),
                        more.isEmpty() ? now.actions() : more, now.grants()));
            }
            if (!fewer.isEmpty() || narrowed) {
                out.add(new AccessChange(false, now.access(), now.resource(), now.principal(), then.decision(), now.decision(),
                        fewer.isEmpty() ? then.actions() : fewer, lostBecause(then, fewer.isEmpty() ? then.actions() : fewer, whyNot)));
            }
        }
        for (Map.Entry<String, ReportRow> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                ReportRow then = e.getValue();
                out.add(new AccessChange(false, then.access(), then.resource(), then.principal(), then.decision(), null, then.actions(),
                        lostBecause(then, then.actions(), whyNot)));
            }
        }
        admin(out, was, is);
        out.sort(Comparator.comparing((AccessChange c) -> !c.gained()).thenComparing(AccessChange::resource)
                .thenComparing(AccessChange::access).thenComparing(AccessChange::principal));
        return out;
    }

    /** Why a principal may not perform an action on a resource (see Questions#whyNot). */
    public interface WhyNot {
        List<String> of(String principal, String action, String resource);
    }

    /** What granted a lost access before, then why it is lost now (for a direct line: the first action's reasons). */
    private static List<String> lostBecause(ReportRow then, List<String> lost, WhyNot whyNot) {
        List<String> out = new ArrayList<>();
        if (then.via().isEmpty() && !lost.isEmpty()) {
            // a bucket's row holds the actions on its objects too (see Report): asked of the form the action acts on
            String resource = then.resource().startsWith("arn:aws:s3:::") && !then.resource().contains("/")
                    && OBJECT_ACTIONS.contains(lost.get(0)) ? then.resource() + "/*" : then.resource();
            out.addAll(whyNot.of(then.principal(), lost.get(0), resource));
        }
        then.grants().forEach(g -> out.add("was granted by " + g));
        return out;
    }

    private static Map<String, ReportRow> byKey(List<ReportRow> rows) {
        Map<String, ReportRow> out = new LinkedHashMap<>();
        for (ReportRow r : rows) {
            // the report has one row per resource, access and principal, but for a role's assumers one per first hop:
            // the same access by two paths is kept as the surer of the two
            out.merge(r.resource() + "\n" + r.access() + "\n" + r.principal(), r, (x, y) -> x.decision() == Verdict.ALLOWED ? x : y);
        }
        return out;
    }

    private static void admin(List<AccessChange> out, List<EscalationAnswer> was, List<EscalationAnswer> is) {
        Map<String, EscalationAnswer> before = new LinkedHashMap<>();
        was.forEach(x -> before.put(x.principal(), x));
        Map<String, EscalationAnswer> after = new LinkedHashMap<>();
        is.forEach(x -> after.put(x.principal(), x));
        TreeSet<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String p : all) {
            EscalationAnswer x = before.get(p);
            EscalationAnswer y = after.get(p);
            Verdict adminBefore = x == null || !x.admin() ? null : Verdict.granted(x.adminConditional());
            Verdict adminAfter = y == null || !y.admin() ? null : Verdict.granted(y.adminConditional());
            change(out, "administrator", p, adminBefore, adminAfter, x == null ? List.of() : x.adminProof(), y == null ? List.of() : y.adminProof());
            Verdict escBefore = x == null || x.admin() || !x.canEscalate() ? null : Verdict.granted(x.conditional());
            Verdict escAfter = y == null || y.admin() || !y.canEscalate() ? null : Verdict.granted(y.conditional());
            change(out, "escalation", p, escBefore, escAfter, x == null ? List.of() : steps(x), y == null ? List.of() : steps(y));
        }
    }

    private static void change(List<AccessChange> out, String access, String p, Verdict before, Verdict after, List<String> was,
                               List<String> is) {
        if (before == after) {
            return;
        }
        boolean gained = after != null && (before == null || after == Verdict.ALLOWED);
        out.add(new AccessChange(gained, access, p, p, before, after, List.of(), gained ? is : was));
    }

    private static List<String> steps(EscalationAnswer a) {
        List<String> out = new ArrayList<>();
        a.paths().forEach(path -> out.add("path: " + String.join(" → ", path.stream().map(s -> s.to() + " (" + s.edge() + ")").toList())));
        return out;
    }
}
