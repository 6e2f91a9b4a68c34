package dev.gatehouse.collect;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code gatehouse collect} reads and where it writes: the facts folder {@code out}; the named profile of the
 * AWS config files, or null for the SDK's default credential chain; the regions of the regional services (the
 * first also signs the global ones); the role assumed in every account but the current one; the accounts (empty:
 * every active account of the organization, or the current account alone); the services (see
 * {@link Collector#SERVICES}); an endpoint that replaces AWS's (an emulator), or null; whether accounts already
 * collected are collected again.
 */
public record CollectOptions(Path out, String profile, List<String> regions, String roleName, List<String> accounts,
                             List<String> services, URI endpoint, boolean refresh) {
    public static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";
    public static final String DEFAULT_REGION = "us-east-1";

    public CollectOptions {
        regions = regions == null || regions.isEmpty() ? List.of(DEFAULT_REGION) : List.copyOf(regions);
        roleName = roleName == null || roleName.isBlank() ? DEFAULT_ROLE : roleName;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        services = services == null || services.isEmpty() ? Collector.SERVICES : List.copyOf(services);
    }
}
