package dev.gatehouse.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.api.Decision;
import dev.gatehouse.facts.Caller;
import dev.gatehouse.facts.OrgLevel;
import dev.gatehouse.facts.PolicySet;
import dev.gatehouse.facts.Request;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.RequestContext;
import dev.gatehouse.policy.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decisions of one rule base, by everything a request puts before the rules: caller, action, resource and
 * its owner, the context, and every policy that bears on it by content (id, name, version, statements) and
 * gate (and org level). Two requests alike in all of that get the same decision from the rules, whichever
 * snapshot asked them: a snapshot of the organization after a change decides only the requests the change
 * touched. Bounded (the least recently used go first); safe from several threads.
 */
public final class DecisionMemo {
    /** Decisions kept: about the requests of two reports of an organization of ten thousand roles. */
    static final long SIZE = 1_000_000;

    private final RuleBase rules;
    private final Cache<Key, Decision> decisions;
    /**
     * A number for each policy content met, so that a key holds numbers rather than the documents. A number is
     * never given twice: a content forgotten (the least used go first) comes back under a new one, and the keys
     * that held the old one are only not found again.
     */
    private final Cache<Content, Integer> contents;
    private final java.util.concurrent.atomic.AtomicInteger nextNumber = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * The number of each policy object met, by identity (the same objects come in request after request, and two
     * policies of one snapshot may share an id: a trust policy as each principal would rewrite it), held weakly.
     */
    private final Cache<Policy, Integer> numbers = Caffeine.newBuilder().weakKeys().build();
    /** One context object for each context met: requests for one principal and resource share theirs (the action differs). */
    private final Cache<RequestContext, RequestContext> contexts;

    /** A memo of the decisions of the rule base. */
    public DecisionMemo(RuleBase rules) {
        this(rules, SIZE);
    }

    DecisionMemo(RuleBase rules, long size) {
        this.rules = rules;
        this.decisions = Caffeine.newBuilder().maximumSize(size).build();
        this.contents = Caffeine.newBuilder().maximumSize(size).build();
        this.contexts = Caffeine.newBuilder().maximumSize(size).build();
    }

    /** The rule base whose decisions these are: an evaluator of another rule base may not use them. */
    RuleBase rules() {
        return rules;
    }

    /** What the memo needs of a request, worked out once per request (see {@link #key}). */
    static final class Key {
        private final Caller caller;
        private final String action;
        private final String resource;
        private final String resourceAccount;
        private final String resourceService;
        private final String resourceType;
        private final boolean rcpSupported;
        private final RequestContext context;
        private final int[] policies;
        private final List<String> levels;
        private final int hash;

        private Key(Request r, RequestContext context, int[] policies, List<String> levels) {
            this.caller = r.caller();
            this.action = r.action();
            this.resource = r.resource();
            this.resourceAccount = r.resourceAccount();
            this.resourceService = r.resourceService();
            this.resourceType = r.resourceType();
            this.rcpSupported = r.rcpSupported();
            this.context = context;
            this.policies = policies;
            this.levels = levels;
            int h = java.util.Objects.hash(caller, action, resource, resourceAccount, resourceService, resourceType, rcpSupported,
                    context, levels);
            this.hash = 31 * h + Arrays.hashCode(policies);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && rcpSupported == k.rcpSupported && action.equals(k.action)
                    && resource.equals(k.resource) && java.util.Objects.equals(resourceAccount, k.resourceAccount)
                    && java.util.Objects.equals(resourceService, k.resourceService)
                    && java.util.Objects.equals(resourceType, k.resourceType) && Arrays.equals(policies, k.policies)
                    && caller.equals(k.caller) && levels.equals(k.levels) && context.equals(k.context);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A policy by what the rules read of it: equal contents are one number whichever snapshot parsed them. */
    private record Content(String id, String name, String version, List<Statement> statements) {
    }

    /** The key of a request: each policy by its number and gate, each org level by its index and name. */
    Key key(Request r) {
        PolicySet ps = r.policies();
        int[] out = new int[ps.identity().size() + ps.boundary().size() + ps.session().size() + 1
                + ps.scpLevels().stream().mapToInt(l -> l.policies().size() + 1).sum()
                + ps.rcpLevels().stream().mapToInt(l -> l.policies().size() + 1).sum() + 5];
        int[] at = {0};
        List<String> levels = new ArrayList<>(ps.scpLevels().size() + ps.rcpLevels().size());
        // a separator (-1) after each gate's policies: the same policy at another gate is another request
        java.util.function.Consumer<Policy> add = p -> out[at[0]++] = number(p);
        ps.identity().forEach(add);
        out[at[0]++] = -1;
        ps.boundary().forEach(add);
        out[at[0]++] = -1;
        ps.session().forEach(add);
        out[at[0]++] = -1;
        out[at[0]++] = ps.resource() == null ? -2 : number(ps.resource());
        for (List<OrgLevel> gate : List.of(ps.scpLevels(), ps.rcpLevels())) {
            for (OrgLevel l : gate) {
                levels.add(l.index() + " " + l.name());
                l.policies().forEach(add);
                out[at[0]++] = -3;
            }
            out[at[0]++] = -1;
            levels.add("|");
        }
        return new Key(r, contexts.get(r.context(), c -> c), Arrays.copyOf(out, at[0]), levels);
    }

    private int number(Policy p) {
        return numbers.get(p, x -> contents.get(new Content(p.id(), p.name(), p.version(), p.statements()),
                c -> nextNumber.getAndIncrement()));
    }

    /** The decision remembered for a key, named for the request that asks it; null when not decided yet. */
    Decision get(Key key, Request r) {
        Decision d = decisions.getIfPresent(key);
        return d == null ? null : d.name().equals(r.name()) ? d : renamed(d, r.name());
    }

    void put(Key key, Decision d) {
        decisions.put(key, d);
    }

    /** How many decisions are kept (for tests). */
    long size() {
        decisions.cleanUp();
        return decisions.estimatedSize();
    }

    private static Decision renamed(Decision d, String name) {
        return new Decision(name, d.verdict(), d.allowedBy(), d.deniedBy(), d.missing(), d.notes(), d.ignoredContextKeys());
    }
}
