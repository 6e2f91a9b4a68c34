package dev.gatehouse.collect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import dev.gatehouse.api.ProblemCode;
import dev.gatehouse.api.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Collects a facts folder from live AWS accounts: the organization from its management account, then for each
 * account (by assuming a role in it; the current account needs none) its IAM export and the resources with policies
 * of the services asked, in every region asked. What could not be read is recorded in the account's
 * {@code collected.json}, which the loader turns into incomplete answers; an account is written whole (staged, then
 * renamed into place) and an account already collected is skipped unless asked to refresh. Nothing here prints:
 * the progress goes to the listener.
 */
public final class Collector {
    /** The services collected, in the order they are read: IAM and S3 are global, the others read per region. */
    public static final List<String> SERVICES = dev.gatehouse.org.Collection.SERVICES;
    private static final List<String> GLOBAL_SERVICES = dev.gatehouse.org.Collection.GLOBAL;
    /** The file that says an account was collected, when, by whom, what was asked and what could not be read. */
    public static final String MANIFEST = "collected.json";
    static final String STAGING = ".collecting";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How one account went. */
    public record AccountResult(String id, String name, Status status, String counts, List<NotRead> notRead) {
        public AccountResult {
            notRead = List.copyOf(notRead);
        }
    }

    /** Collected whole; collected with parts not read; not collected (its role could not be assumed); skipped. */
    public enum Status { COLLECTED, PARTIAL, NOT_ASSUMED, SKIPPED }

    /** The run: the organization (null when none was read), what of it could not be read, and each account. */
    public record Summary(String organization, List<NotRead> organizationNotRead, List<AccountResult> accounts) {
        public Summary {
            organizationNotRead = List.copyOf(organizationNotRead);
            accounts = List.copyOf(accounts);
        }

        /** Whether anything asked could not be read (the facts are then incomplete, and say where). */
        public boolean incomplete() {
            return !organizationNotRead.isEmpty() || accounts.stream().anyMatch(a -> a.status() == Status.PARTIAL
                    || a.status() == Status.NOT_ASSUMED);
        }
    }

    private final CollectOptions options;
    private final ProgressListener progress;

    private Collector(CollectOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Collects into {@code options.out()}. Throws {@link InputException} when nothing can be collected (no
     * credentials, an unknown service or account, an output folder that holds other facts); every failure after
     * that is in the summary and the facts.
     */
    public static Summary collect(CollectOptions options, ProgressListener progress) {
        return collect(options, options.profile() != null ? ProfileCredentialsProvider.create(options.profile())
                : DefaultCredentialsProvider.builder().build(), progress);
    }

    /** {@link #collect(CollectOptions, ProgressListener)} with these credentials rather than the profile's or the default chain's. */
    public static Summary collect(CollectOptions options, AwsCredentialsProvider credentials, ProgressListener progress) {
        for (String s : options.services()) {
            if (!SERVICES.contains(s)) {
                throw usage("--services", "unknown service `" + s + "`; expected some of " + String.join(", ", SERVICES));
            }
        }
        for (String a : options.accounts()) {
            if (!a.matches("\\d{12}")) {
                throw usage("--accounts", "expected 12-digit account ids, found `" + a + "`");
            }
        }
        Collector c = new Collector(options, progress);
        // the accounts named are checked before any call; the organization's, once it is read
        c.checkOut(options.accounts());
        try (SdkHttpClient http = UrlConnectionHttpClient.builder().build()) {
            return c.run(http, credentials);
        }
    }

    private static InputException usage(String option, String message) {
        return new InputException(new Problem(ProblemCode.USAGE, "", option, message));
    }

    private Summary run(SdkHttpClient http, AwsCredentialsProvider base) {
        Clients home = new Clients(http, base, options.endpoint());
        String region = options.regions().get(0);
        Calls whoAmI = new Calls();
        var caller = whoAmI.call("sts:GetCallerIdentity", region, null, () -> {
            try (StsClient sts = home.build(StsClient.builder(), region)) {
                return sts.getCallerIdentity();
            }
        }).orElseThrow(() -> usage(options.profile() != null ? "--profile" : "", "cannot call AWS with these credentials: "
                + whoAmI.notRead.get(0) + "; set AWS_PROFILE or --profile, or the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY variables"));
        String current = caller.account();
        progress.stage("collecting as " + caller.arn() + " into " + options.out());

        Calls orgCalls = new Calls();
        OrganizationReader.Read org;
        try (OrganizationsClient oc = home.build(OrganizationsClient.builder(), region)) {
            org = OrganizationReader.read(oc, orgCalls);
        }
        Map<String, String> names = new LinkedHashMap<>();
        List<String> accounts = new ArrayList<>();
        if (org.json() != null) {
            org.accounts().stream().filter(OrganizationReader.Member::active).forEach(m -> names.put(m.id(), m.name()));
            progress.stage("organization " + org.json().path("Id").asText() + ": " + names.size() + " active account"
                    + (names.size() == 1 ? "" : "s") + (orgCalls.notRead.isEmpty() ? "" : ", " + orgCalls.notRead.size() + " call(s) failed"));
        } else {
            progress.stage(org.inUse() ? "the organization could not be read (" + orgCalls.notRead.get(0) + "): collecting account "
                    + current + " alone, without its SCPs and RCPs" : "account " + current + " is in no organization");
        }
        for (String a : options.accounts()) {
            if (!names.isEmpty() && !names.containsKey(a)) {
                throw usage("--accounts", "account " + a + " is not an active account of the organization "
                        + org.json().path("Id").asText() + " (its accounts: " + String.join(", ", names.keySet()) + ")");
            }
            if (names.isEmpty() && !a.equals(current)) {
                throw usage("--accounts", "account " + a + " cannot be reached: the organization could not be listed, and the "
                        + "credentials are account " + current + "'s");
            }
        }
        accounts.addAll(options.accounts().isEmpty() ? (names.isEmpty() ? List.of(current) : new ArrayList<>(names.keySet()))
                : options.accounts());
        checkOut(accounts);
        try {
            Files.createDirectories(options.out().resolve("accounts"));
        } catch (IOException e) {
            throw usage("--out", "cannot create " + options.out().resolve("accounts") + ": " + e.getMessage());
        }
        if (org.json() != null) {
            try {
                Staged.writeJson(options.out().resolve("organization.json"), org.json());
            } catch (java.io.UncheckedIOException e) {
                throw usage("--out", e.getMessage());
            }
        }
        List<AccountResult> results = new ArrayList<>();
        int done = 0;
        for (String id : accounts) {
            results.add(account(home, id, names.get(id), id.equals(current), id.equals(current) ? orgCalls.notRead : List.of()));
            progress.advanced("collect", ++done, accounts.size());
        }
        try {
            // what a run killed part-way left staged (never inside accounts/) goes with the run that ends
            Staged.deleteTree(options.out().resolve(STAGING));
        } catch (IOException e) {
            progress.stage("could not remove " + options.out().resolve(STAGING) + ": " + e.getMessage());
        }
        return new Summary(org.json() == null ? null : org.json().path("Id").asText(), orgCalls.notRead, results);
    }

    /** Refuses an output folder whose accounts hold facts that collect did not write (it would replace them). */
    private void checkOut(List<String> accounts) {
        for (String id : accounts) {
            Path dir = options.out().resolve("accounts").resolve(id);
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MANIFEST)) && !options.refresh()) {
                throw usage("--out", dir + " holds facts that collect did not write (no " + MANIFEST + "); give another --out, "
                        + "or --refresh to replace them");
            }
        }
    }

    private AccountResult account(Clients home, String id, String name, boolean current, List<NotRead> orgNotRead) {
        String label = id + (name == null ? "" : " (" + name + ")");
        Path target = options.out().resolve("accounts").resolve(id);
        if (Files.exists(target.resolve(MANIFEST)) && !options.refresh()) {
            progress.stage(label + ": skipped, already collected (--refresh collects it again)");
            return new AccountResult(id, name, Status.SKIPPED, "", List.of());
        }
        Calls calls = new Calls();
        calls.notRead.addAll(orgNotRead);
        String role = current ? null : "arn:aws:iam::" + id + ":role/" + options.roleName();
        Clients clients = home;
        StsClient sts = null;
        if (role != null) {
            sts = home.build(StsClient.builder(), options.regions().get(0));
            StsClient s = sts;
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(s)
                    .refreshRequest(q -> q.roleArn(role).roleSessionName("gatehouse-collect")).build();
            if (calls.call("sts:AssumeRole", null, role, assumed::resolveCredentials).isEmpty()) {
                NotRead why = calls.notRead.get(calls.notRead.size() - 1);
                progress.stage(label + ": not collected: " + why);
                publish(id, Map.of(), manifest(id, role, calls.notRead, List.of()));
                s.close();
                return new AccountResult(id, name, Status.NOT_ASSUMED, "", calls.notRead);
            }
            clients = home.as(assumed);
        }
        try {
            Map<String, com.fasterxml.jackson.databind.JsonNode> files = new LinkedHashMap<>();
            ResourceReaders.Found found = new ResourceReaders.Found();
            List<String> said = new ArrayList<>();
            String global = options.regions().get(0);
            for (String service : options.services()) {
                int before = calls.notRead.size();
                switch (service) {
                    case "iam" -> {
                        try (IamClient iam = clients.build(IamClient.builder(), global)) {
                            Optional<ObjectNode> export = IamReader.read(iam, calls);
                            export.ifPresent(e -> files.put("iam.json", e));
                            said.add("iam: " + export.map(IamReader::counts).orElse("not read"));
                        }
                    }
                    case "s3" -> {
                        try (S3Client s3 = clients.build(S3Client.builder().forcePathStyle(clients.emulated())
                                .crossRegionAccessEnabled(!clients.emulated()), global)) {
                            ResourceReaders.s3(s3, calls, found);
                        }
                    }
                    default -> {
                        for (String r : options.regions()) {
                            regional(clients, service, r, calls, found);
                        }
                    }
                }
                if (!service.equals("iam")) {
                    int k = found.counts.getOrDefault(service, 0);
                    said.add(service + ": " + k);
                }
                progress.stage(label + ": " + said.get(said.size() - 1) + (GLOBAL_SERVICES.contains(service) ? ""
                        : " (" + String.join(", ", options.regions()) + ")"));
                for (NotRead n : calls.notRead.subList(before, calls.notRead.size())) {
                    progress.stage(label + ": not read: " + n);
                }
            }
            found.buckets.forEach((b, f) -> files.put("s3/" + b + ".json", f));
            found.keys.forEach((k, f) -> files.put("kms/" + k + ".json", f));
            if (!found.resources.isEmpty()) {
                files.put("resources.json", found.resources);
            }
            publish(id, files, manifest(id, role, calls.notRead, options.services()));
            String counts = String.join(", ", said);
            progress.stage(label + ": done" + (calls.notRead.isEmpty() ? "" : ", " + calls.notRead.size()
                    + (calls.notRead.size() == 1 ? " call" : " calls") + " not read"));
            return new AccountResult(id, name, calls.notRead.isEmpty() ? Status.COLLECTED : Status.PARTIAL, counts, calls.notRead);
        } finally {
            if (sts != null) {
                sts.close();
            }
        }
    }

    private void regional(Clients c, String service, String region, Calls calls, ResourceReaders.Found found) {
        switch (service) {
            case "kms" -> with(c.build(KmsClient.builder(), region), k -> ResourceReaders.kms(k, region, calls, found));
            case "sqs" -> with(c.build(SqsClient.builder(), region), k -> ResourceReaders.sqs(k, region, calls, found));
            case "sns" -> with(c.build(SnsClient.builder(), region), k -> ResourceReaders.sns(k, region, calls, found));
            case "secretsmanager" -> with(c.build(SecretsManagerClient.builder(), region), k -> ResourceReaders.secretsmanager(k, region, calls, found));
            case "lambda" -> with(c.build(LambdaClient.builder(), region), k -> ResourceReaders.lambda(k, region, calls, found));
            case "ecr" -> with(c.build(EcrClient.builder(), region), k -> ResourceReaders.ecr(k, region, calls, found));
            default -> throw new IllegalArgumentException(service);
        }
    }

    /** Uses a client, then closes it. */
    private static <C extends software.amazon.awssdk.core.SdkClient> void with(C client, java.util.function.Consumer<C> use) {
        try (client) {
            use.accept(client);
        }
    }

    private ObjectNode manifest(String id, String role, List<NotRead> notRead, List<String> services) {
        ObjectNode m = NODES.objectNode();
        m.put("Account", id);
        m.put("CollectedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (role != null) {
            m.put("AssumedRole", role);
        }
        ArrayNode s = m.putArray("Services");
        services.forEach(s::add);
        ArrayNode r = m.putArray("Regions");
        options.regions().forEach(r::add);
        ArrayNode nr = m.putArray("NotRead");
        for (NotRead n : notRead) {
            ObjectNode o = nr.addObject().put("Api", n.api());
            if (n.region() != null) {
                o.put("Region", n.region());
            }
            if (n.resource() != null) {
                o.put("Resource", n.resource());
            }
            o.put("Error", n.error());
            o.put("Message", n.message() == null ? "" : n.message());
        }
        return m;
    }

    /** Writes the account's files into a folder of its own beside the facts, then renames it into place. */
    private void publish(String id, Map<String, com.fasterxml.jackson.databind.JsonNode> files, ObjectNode manifest) {
        Path stage = options.out().resolve(STAGING).resolve(id);
        Path target = options.out().resolve("accounts").resolve(id);
        try {
            Staged.deleteTree(stage);
            Files.createDirectories(stage);
            for (var f : files.entrySet()) {
                Staged.writeJson(stage.resolve(f.getKey()), f.getValue());
            }
            // written last: an account folder with a manifest was collected whole
            Staged.writeJson(stage.resolve(MANIFEST), manifest);
            Staged.replace(target, stage, options.out().resolve(STAGING).resolve(id + ".old"));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw usage("--out", "cannot write " + target + ": " + e.getMessage());
        }
    }
}
