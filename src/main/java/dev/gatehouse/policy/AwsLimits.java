package dev.gatehouse.policy;

/**
 * The sizes AWS itself never exceeds, checked where input comes in so that no input makes a question
 * cost more than AWS's own requests can (one place for them; the policy sizes are in {@link PolicyParser}).
 * What exceeds one is refused with a located error, never cut short.
 */
public final class AwsLimits {
    /** The longest ARN AWS's APIs take (their ARN parameters are 20 to 2,048 characters: RoleArn, PolicyArn, …). */
    public static final int ARN_CHARS = 2048;
    /**
     * The longest value of a request's condition key: the values come from the request, whose headers AWS
     * limits to 8 KB (S3: "the PUT request header is limited to 8 KB in size").
     */
    public static final int CONTEXT_VALUE_CHARS = 8192;
    /**
     * The most values one condition key of a request holds. AWS's multivalued keys carry far fewer (a request
     * or a session at most 50 tags, aws:CalledVia a short chain of services); this leaves room for any of them.
     */
    public static final int CONTEXT_VALUES_PER_KEY = 1000;

    private AwsLimits() {
    }

    /** Why an ARN is longer than AWS takes, or null when it is not. */
    public static String arnTooLong(String arn) {
        return arn != null && arn.length() > ARN_CHARS ? "an ARN of " + arn.length() + " characters (`" + start(arn)
                + "`); AWS's ARNs are at most 2,048 characters" : null;
    }

    /** Why a request value is longer than AWS sends, or null when it is not. */
    public static String valueTooLong(String value) {
        return value.length() > CONTEXT_VALUE_CHARS ? "a value of " + value.length() + " characters (`" + start(value)
                + "`); a request carries at most 8,192 (AWS limits a request's headers to 8 KB)" : null;
    }

    /** Why a condition key has more values than a request carries, or null when it has not. */
    public static String tooManyValues(int count) {
        return count > CONTEXT_VALUES_PER_KEY ? count + " values; a request's condition key holds at most 1,000 (AWS's "
                + "multivalued keys hold far fewer: at most 50 tags to a request or a session)" : null;
    }

    /** The first characters of a long text, to name it without printing it whole. */
    private static String start(String s) {
        return s.substring(0, Math.min(40, s.length())) + "…";
    }
}
