package dev.gatehouse.collect;

/**
 * One call of the AWS API that failed for good (after the SDK's retries): the API as {@code service:Operation}, the
 * region (null for a global service), the resource it was about (null for a listing), and AWS's error code and
 * message. Written into the account's {@code collected.json}; the loader marks what it leaves unknown.
 */
public record NotRead(String api, String region, String resource, String error, String message) {
    /** One line: {@code kms:ListKeys in us-east-1: AccessDeniedException (User … is not authorized …)}. */
    @Override
    public String toString() {
        return api + (resource != null ? " on " + resource : "") + (region != null ? " in " + region : "") + ": " + error
                + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
