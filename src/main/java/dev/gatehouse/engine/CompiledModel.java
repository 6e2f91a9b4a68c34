package dev.gatehouse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * The shipped rules as Drools' executable model, compiled by the build ({@code mvn package}) from the very
 * files in {@code rules/}: starting from it skips parsing the DRL and compiling its consequences, which
 * took most of a fresh process's time (1.7 of 2.2 s for one decision). Each part has a
 * {@code dev/gatehouse/rules/<part>/model.properties} naming its model class and the digest of the sources
 * it was compiled from; a part whose sources differ from that digest (rules edited since the build) or
 * whose model is missing is compiled from its source instead, so the rules that run are always the files shipped.
 */
final class CompiledModel {
    /** The properties file the build writes beside a part's compiled model. */
    static String descriptor(RuleBase.Part part) {
        return "dev/gatehouse/rules/" + part.folder() + "/model.properties";
    }

    private CompiledModel() {
    }

    /** The part's KieBase from its compiled model, or null when there is none for exactly these sources. */
    static KieBase load(RuleBase.Part part, Map<String, String> sources) {
        Properties p = new Properties();
        try (InputStream in = CompiledModel.class.getResourceAsStream("/" + descriptor(part))) {
            if (in == null) {
                return null;
            }
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        if (!digest(sources).equals(p.getProperty("sources"))) {
            return null;
        }
        try {
            Model model = (Model) Class.forName(p.getProperty("model"), true, CompiledModel.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            return KieBaseBuilder.createKieBaseFromModel(model);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null; // a model that does not load: the sources beside it still build the same rules
        }
    }

    /** SHA-256 over the part's file names and texts, in order. */
    static String digest(Map<String, String> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(sources).entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
