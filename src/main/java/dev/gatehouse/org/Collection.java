package dev.gatehouse.org;

import java.util.List;

/**
 * What {@code gatehouse collect} read of one account ({@code accounts/<id>/collected.json}): the services and the
 * regions it asked. A resource of a service collect reads, in a service or a region it did not ask, is unknown:
 * questions about it are refused rather than answered from what is not there.
 */
public record Collection(String account, List<String> services, List<String> regions, String file) {
    /** The services collect reads, in the order it reads them: IAM and S3 are global, the others regional. */
    public static final List<String> SERVICES = List.of("iam", "s3", "kms", "sqs", "sns", "secretsmanager", "lambda", "ecr");
    public static final List<String> GLOBAL = List.of("iam", "s3");

    public Collection {
        services = List.copyOf(services);
        regions = List.copyOf(regions);
    }

    /**
     * The key of {@link Facts#incomplete()} that stands for every resource of a service in a region of an account
     * ({@code *} for all): {@code arn:aws:kms:us-east-1:111111111111:*}.
     */
    public static String scope(String service, String region, String account) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":*";
    }

    /** Why a resource of this service and region was not collected, or null when it was (or collect does not read it). */
    String notAsked(String service, String region) {
        if (!SERVICES.contains(service)) {
            return null;
        }
        if (!services.contains(service)) {
            return "collect did not read " + service + " in account " + account + " (" + file + "); run `gatehouse collect "
                    + "--accounts " + account + " --services " + String.join(",", services) + "," + service + " --refresh`";
        }
        if (!GLOBAL.contains(service) && region != null && !region.isEmpty() && !regions.contains(region)) {
            return "collect did not read region " + region + " in account " + account + " (" + file + " has "
                    + String.join(", ", regions) + "); run `gatehouse collect --accounts " + account + " --region " + region
                    + " --refresh` with the other regions";
        }
        return null;
    }
}
