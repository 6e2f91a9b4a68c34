package dev.gatehouse.cli;

import dev.gatehouse.api.Options;
import dev.gatehouse.api.OrgSnapshot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshots of a batch: the facts loaded once, one snapshot for each set of options the questions
 * hold constant (most share the first), all at the moment the batch loaded the facts.
 */
final class Snapshots {
    private final OrgSnapshot first;
    private final Map<Options, OrgSnapshot> byOptions = new ConcurrentHashMap<>();

    Snapshots(OrgSnapshot first) {
        this.first = first;
        byOptions.put(first.options(), first);
    }

    /** The options a question starts from: the batch's time, no key fixed. */
    Options start() {
        Options o = first.options();
        return o.time() == null ? Options.defaults().openTime() : Options.defaults().at(o.time());
    }

    OrgSnapshot get(Options options) {
        return byOptions.computeIfAbsent(options, first::withOptions);
    }
}
