package dev.gatehouse.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every question of one {@link OrgSnapshot} holds constant: condition keys of the call fixed for every
 * request ({@code aws:RequestedRegion}, {@code aws:SecureTransport}, …; keys not fixed stay unknown and
 * answers that rest on them are {@link Verdict#CONDITIONAL}), the owners of resources outside the facts whose
 * ARN names no account, and the time.
 *
 * <p>Time: by default the questions are asked <em>now</em> — {@code aws:CurrentTime} and
 * {@code aws:TokenIssueTime} are the moment the options were made (an attacker acting now with fresh
 * credentials), unless the context fixes them; {@link #openTime()} leaves them unknown. Immutable.
 *
 * <pre>{@code
 * Options o = Options.defaults().withContext("aws:RequestedRegion", "eu-west-1")
 *         .withResourceAccount("arn:aws:s3:::partner-bucket", "444455556666");
 * }</pre>
 *
 * @param context        condition keys fixed for every request, by key as given
 * @param resourceAccounts the owning account of resources outside the facts, by ARN
 * @param time           the time of every request, or null to leave it unknown
 */
public record Options(Map<String, List<String>> context, Map<String, String> resourceAccounts, Instant time) {
    private static final List<String> TIME_KEYS = List.of("aws:CurrentTime", "aws:TokenIssueTime");

    public Options {
        Map<String, List<String>> c = new LinkedHashMap<>();
        context.forEach((k, v) -> c.put(k, List.copyOf(v)));
        context = java.util.Collections.unmodifiableMap(c);
        resourceAccounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resourceAccounts));
        time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
        for (String acct : resourceAccounts.values()) {
            if (acct == null || !acct.matches("\\d{12}")) {
                throw new IllegalArgumentException("expected a 12-digit account id, found `" + acct + "`");
            }
        }
    }

    /** No key fixed, no owner named, the time now. */
    public static Options defaults() {
        return new Options(Map.of(), Map.of(), Instant.now());
    }

    /** These options with a condition key fixed to the values (one value unless the key is multivalued). */
    public Options withContext(String key, String... values) {
        Map<String, List<String>> c = new LinkedHashMap<>(context);
        List<String> all = new ArrayList<>(c.getOrDefault(key, List.of()));
        all.addAll(List.of(values));
        c.put(key, all);
        return new Options(c, resourceAccounts, time);
    }

    /** These options with the account that owns a resource outside the facts whose ARN names none (S3). */
    public Options withResourceAccount(String resourceArn, String account) {
        Map<String, String> m = new LinkedHashMap<>(resourceAccounts);
        m.put(resourceArn, account);
        return new Options(context, m, time);
    }

    /** These options with aws:CurrentTime and aws:TokenIssueTime unknown: answers resting on them are Conditional. */
    public Options openTime() {
        return new Options(context, resourceAccounts, null);
    }

    /** These options asked at another moment. */
    public Options at(Instant when) {
        return new Options(context, resourceAccounts, when);
    }

    /** The condition keys every request carries: the context, and the time keys it does not fix. */
    public Map<String, List<String>> fixedKeys() {
        Map<String, List<String>> out = new LinkedHashMap<>(context);
        if (time != null) {
            for (String key : TIME_KEYS) {
                if (context.keySet().stream().noneMatch(k -> k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)))) {
                    out.put(key, List.of(time.toString()));
                }
            }
        }
        return out;
    }
}
