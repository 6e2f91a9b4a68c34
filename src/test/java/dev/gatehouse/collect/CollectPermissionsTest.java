package dev.gatehouse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's policy for collect grants every call collect makes (read from its sources, as each call is named
 * where it is made) and nothing else: an auditor who attaches it gets no AccessDenied from a missing permission.
 */
class CollectPermissionsTest {
    /** The API operations whose IAM action has another name; sts:GetCallerIdentity needs no permission. */
    private static final Map<String, String> ACTION_OF = Map.of("s3:ListBuckets", "s3:ListAllMyBuckets");

    @Test
    void theReadmePolicyGrantsEveryCallCollectMakes() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```json\\n(\\{\\s*\"Version\"[^`]*?GatehouseCollect[^`]*?)```").matcher(readme);
        assertTrue(block.find(), "the README has the policy for collect");
        JsonNode policy = Json.mapper().readTree(block.group(1));
        Set<String> granted = new TreeSet<>();
        policy.get("Statement").forEach(st -> {
            JsonNode a = st.get("Action");
            if (a.isArray()) {
                a.forEach(x -> granted.add(x.asText()));
            } else {
                granted.add(a.asText());
            }
        });
        Set<String> called = new TreeSet<>();
        Pattern api = Pattern.compile("call\\(\"([a-z0-9]+:[A-Za-z]+)\"");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/gatehouse/collect"))) {
            for (Path f : files.toList()) {
                Matcher m = api.matcher(Files.readString(f));
                while (m.find()) {
                    called.add(m.group(1));
                }
            }
        }
        called.remove("sts:GetCallerIdentity");
        assertTrue(called.size() > 25, "the calls were found: " + called);
        Set<String> needed = new TreeSet<>();
        called.forEach(c -> needed.add(ACTION_OF.getOrDefault(c, c)));
        assertEquals(needed, granted, "the README's policy for collect, against the calls collect makes");
    }
}
