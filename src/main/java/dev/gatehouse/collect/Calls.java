package dev.gatehouse.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The calls of one account's collection and what did not come back: a call that fails for good is recorded as
 * {@link NotRead} (the SDK has already retried what can be retried), and the collection goes on.
 */
final class Calls {
    final List<NotRead> notRead = new ArrayList<>();

    /** The answer, or empty when the call failed (recorded). */
    <T> Optional<T> call(String api, String region, String resource, Supplier<T> call) {
        return call(api, region, resource, Set.of(), call);
    }

    /**
     * The answer; empty when AWS answered with one of {@code absent} (a bucket without a policy: nothing to read) or
     * when the call failed (recorded).
     */
    <T> Optional<T> call(String api, String region, String resource, Set<String> absent, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code == null) {
                // an answer the SDK could not parse (an emulator's XML error for a JSON API): its code is in the XML, or
                // its status says what it is
                code = unparsed(e).orElse(e.statusCode() == 403 ? "AccessDenied" : "HTTP " + e.statusCode());
            }
            if (absent.contains(code)) {
                return Optional.empty();
            }
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? firstLine(e.getMessage())
                    : e.awsErrorDetails().errorMessage();
            notRead.add(new NotRead(api, region, resource, code, message));
        } catch (SdkException e) {
            notRead.add(new NotRead(api, region, resource, "ClientError", firstLine(e.getMessage())));
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern XML_CODE = java.util.regex.Pattern.compile("<Code>([A-Za-z.]+)</Code>");

    private static Optional<String> unparsed(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = XML_CODE.matcher(e.awsErrorDetails().rawResponse().asUtf8String());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
