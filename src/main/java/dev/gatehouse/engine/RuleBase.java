package dev.gatehouse.engine;

import dev.gatehouse.api.InputException;
import dev.gatehouse.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * The compiled rule base: every {@code .drl} file of a rules folder (by default the {@code rules/}
 * shipped inside the jar), built into one Drools {@link KieBase}. A build error names the file, line
 * and column.
 */
public final class RuleBase {
    private static final AtomicInteger BUILDS = new AtomicInteger();
    private static volatile RuleBase shipped;

    /** The files of the privilege-escalation analysis: built into a rule base of their own (see {@link #escalationBase()}). */
    public static final java.util.Set<String> ESCALATION_FILES = java.util.Set.of("escalation.drl", "escalation-recipes.drl",
            "administrators.drl");

    private final KieBase kieBase;
    private final Map<String, String> escalationSources;
    private volatile KieBase escalationBase;
    private final List<String> files;

    private RuleBase(KieBase kieBase, Map<String, String> escalationSources, List<String> files) {
        this.kieBase = kieBase;
        this.escalationSources = Map.copyOf(escalationSources);
        this.files = List.copyOf(files);
    }

    /** Decisions and role-assumption reachability: every rule file but the escalation analysis's. */
    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * The escalation analysis (escalation.drl, escalation-recipes.drl, administrators.drl) over decided
     * requests. Kept apart from the decision rules because sharing one KieBase made decisions about 30 %
     * slower (./gatehouse bench: 10,958 vs 15,785 decisions/s, separate JVMs; 16,364 once split), though no
     * decision fact ever matches an escalation pattern.
     */
    public KieBase escalationBase() {
        KieBase kb = escalationBase;
        if (kb == null) {
            synchronized (this) {
                if (escalationBase == null) {
                    // built on first use: a decision needs none of it, and start-up stays as short as before
                    escalationBase = compile(new java.util.TreeMap<>(escalationSources));
                }
                kb = escalationBase;
            }
        }
        return kb;
    }

    /** The names of the rule files built. */
    public List<String> files() {
        return files;
    }

    /** The rule base shipped with Gatehouse, built once per JVM. */
    public static RuleBase shipped() {
        RuleBase rb = shipped;
        if (rb == null) {
            synchronized (RuleBase.class) {
                rb = shipped;
                if (rb == null) {
                    // the shipped rules are tested: their escalation part is built at first use (start-up stays short)
                    rb = build(readShipped(), false);
                    shipped = rb;
                }
            }
        }
        return rb;
    }

    /** Builds the rule files of a folder on disk. */
    public static RuleBase fromFolder(Path dir) {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                sources.put(p.getFileName().toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new InputException(new Problem(dir.toString(), "", "cannot read the rules folder: " + e.getMessage()));
        }
        if (sources.isEmpty()) {
            throw new InputException(new Problem(dir.toString(), "", "no .drl files in the rules folder"));
        }
        return build(sources);
    }

    static Map<String, String> readShipped() {
        Map<String, String> sources = new LinkedHashMap<>();
        URL url = RuleBase.class.getClassLoader().getResource("rules");
        if (url == null) {
            throw new IllegalStateException("the rules folder is missing from the classpath");
        }
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    List<String> names = new ArrayList<>();
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                        String n = en.nextElement().getName();
                        if (n.startsWith("rules/") && n.endsWith(".drl")) {
                            names.add(n);
                        }
                    }
                    names.sort(null);
                    for (String n : names) {
                        try (InputStream in = jar.getInputStream(jar.getEntry(n))) {
                            sources.put(n.substring("rules/".length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            } else {
                Path dir = Path.of(url.toURI());
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                        sources.put(p.getFileName().toString(), Files.readString(p));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the shipped rules: " + e.getMessage(), e);
        }
        return sources;
    }

    /** Builds rule sources (file name to DRL text) into a rule base. */
    public static RuleBase build(Map<String, String> sources) {
        return build(sources, true);
    }

    /** {@code eager}: build the escalation rules now (reporting their build errors now) rather than at first use. */
    static RuleBase build(Map<String, String> sources, boolean eager) {
        Map<String, String> decisions = new LinkedHashMap<>();
        Map<String, String> escalation = new LinkedHashMap<>();
        sources.forEach((k, v) -> (ESCALATION_FILES.contains(k) ? escalation : decisions).put(k, v));
        RuleBase rb = new RuleBase(compile(decisions), escalation, List.copyOf(sources.keySet()));
        if (eager && !escalation.isEmpty()) {
            rb.escalationBase();
        }
        return rb;
    }

    private static KieBase compile(Map<String, String> sources) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("dev.gatehouse", "rules-" + BUILDS.incrementAndGet(), "1.0.0");
        kfs.generateAndWritePomXML(rid);
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String virtual = "src/main/resources/dev/gatehouse/rules/" + e.getKey();
            kfs.write(virtual, e.getValue());
        }
        KieBuilder kb = ks.newKieBuilder(kfs).buildAll();
        List<Problem> errors = new ArrayList<>();
        for (Message m : kb.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "" : m.getPath();
            String file = path.substring(path.lastIndexOf('/') + 1);
            errors.add(new Problem("rules/" + file, "line " + m.getLine() + ", column " + m.getColumn(),
                    m.getText().replace('\n', ' ')));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        KieContainer kc = ks.newKieContainer(rid);
        return kc.getKieBase();
    }
}
