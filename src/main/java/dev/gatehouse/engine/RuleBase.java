package dev.gatehouse.engine;

import dev.gatehouse.api.ProblemCode;

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
import java.util.Set;
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
 * The compiled rule base: the {@code .drl} files of a rules folder (by default the {@code rules/} shipped
 * inside the jar), one Drools {@link KieBase} per sub-folder, each built at first use:
 * {@code decision/} (how AWS decides one request), {@code assume/} (who reaches a role through role
 * assumption) and {@code escalation/} (who can become administrator). Within a folder the files are
 * numbered in the order the evaluation runs. A build error names the file, line and column.
 */
public final class RuleBase {
    private static final AtomicInteger BUILDS = new AtomicInteger();
    private static volatile RuleBase shipped;

    /** The KieBases, one per folder of the rules. */
    public enum Part {
        /** Decides one request: which gates apply, what matches at each, the outcome and its reasons. */
        DECISION("decision"),
        /** Role assumption: who reaches a role over decided sts:AssumeRole requests. */
        ASSUME("assume"),
        /**
         * The escalation analysis over decided requests. Kept apart from the decision rules because sharing
         * one KieBase made decisions about 30 % slower (./gatehouse bench: 10,958 vs 15,785 decisions/s,
         * separate JVMs; 16,364 once split), though no decision fact ever matches an escalation pattern.
         */
        ESCALATION("escalation"),
        /** The built-in findings over the report's lines, the escalation answers and what could not be read. */
        FINDINGS("findings");

        private final String folder;

        Part(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    private final Map<Part, Map<String, String>> sources;
    private final Map<Part, KieBase> built = new java.util.EnumMap<>(Part.class);
    private final Set<Part> fromModel = java.util.EnumSet.noneOf(Part.class);
    private final List<String> files;
    /** The parts that may come from the model compiled with Gatehouse (the shipped rules), not from their source. */
    private final Set<Part> prebuilt;

    private RuleBase(Map<Part, Map<String, String>> sources, List<String> files, Set<Part> prebuilt) {
        this.sources = sources;
        this.files = List.copyOf(files);
        this.prebuilt = prebuilt;
    }

    /** The decision rules. */
    public KieBase kieBase() {
        return base(Part.DECISION);
    }

    /** The role-assumption rules. */
    public KieBase assumeBase() {
        return base(Part.ASSUME);
    }

    /** The escalation analysis. */
    public KieBase escalationBase() {
        return base(Part.ESCALATION);
    }

    /** One part of the rule base, built on first use: a decision needs no escalation rule, and start-up stays short. */
    public synchronized KieBase base(Part part) {
        KieBase kb = built.get(part);
        if (kb == null) {
            Map<String, String> src = sources.get(part);
            if (src == null || src.isEmpty()) {
                throw new InputException(new Problem(ProblemCode.RULES, "rules/" + part.folder(), "", "no .drl files in the rules folder"));
            }
            kb = prebuilt.contains(part) ? CompiledModel.load(part, src) : null;
            if (kb == null) {
                kb = compile(src);
            } else {
                fromModel.add(part);
            }
            built.put(part, kb);
        }
        return kb;
    }

    /** Whether the part, once built, came from the model the build compiled rather than from its DRL source. */
    public synchronized boolean fromCompiledModel(Part part) {
        base(part);
        return fromModel.contains(part);
    }

    /**
     * The actions a part's rules name as literals ({@code "sts:getcalleridentity"}, in lower case): the rules
     * treat these apart from other actions, so a question must not answer one of them from another's decision.
     */
    public Set<String> actionsNamed(Part part) {
        Set<String> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = ACTION_LITERAL.matcher(String.join("\n", sources.getOrDefault(part, Map.of()).values()));
        while (m.find()) {
            out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static final java.util.regex.Pattern ACTION_LITERAL = java.util.regex.Pattern.compile("\"([A-Za-z0-9-]+:[A-Za-z0-9*?-]+)\"");

    /** The names of the rule files built, relative to the rules folder ({@code decision/10-gates.drl}). */
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
                    // the shipped rules are tested: their escalation part is built at first use (start-up stays short),
                    // and each part comes from the model the build compiled from these very files when there is one
                    rb = build(readShipped(), false, java.util.EnumSet.allOf(Part.class));
                    shipped = rb;
                }
            }
        }
        return rb;
    }

    /** Builds the rule files of a folder on disk (its sub-folders decision/, assume/, escalation/). */
    public static RuleBase fromFolder(Path dir) {
        Map<String, String> sources;
        try {
            sources = readFolder(dir);
        } catch (IOException e) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, dir.toString(), "", "cannot read the rules folder: " + e.getMessage()));
        }
        if (sources.isEmpty()) {
            throw new InputException(new Problem(ProblemCode.RULES, dir.toString(), "", "no .drl files in the rules folder"));
        }
        return build(sources);
    }

    static Map<String, String> readFolder(Path dir) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                sources.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return sources;
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
                sources.putAll(readFolder(Path.of(url.toURI())));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the shipped rules: " + e.getMessage(), e);
        }
        return sources;
    }

    /** Builds rule sources (path in the rules folder, e.g. {@code decision/10-gates.drl}, to DRL text), every part now. */
    public static RuleBase build(Map<String, String> sources) {
        return build(sources, true);
    }

    /** {@code eager}: build every part now (reporting its build errors now) rather than at first use. */
    static RuleBase build(Map<String, String> sources, boolean eager) {
        return build(sources, eager, java.util.EnumSet.noneOf(Part.class));
    }

    private static RuleBase build(Map<String, String> sources, boolean eager, Set<Part> prebuilt) {
        RuleBase rb = new RuleBase(parts(sources), List.copyOf(sources.keySet()), prebuilt);
        rb.kieBase();
        if (eager) {
            rb.sources.keySet().forEach(rb::base);
        }
        return rb;
    }

    /** Rule sources by the part (sub-folder) they belong to; a file outside decision/, assume/, escalation/ is an error. */
    static Map<Part, Map<String, String>> parts(Map<String, String> sources) {
        Map<Part, Map<String, String>> parts = new java.util.EnumMap<>(Part.class);
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String folder = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : "";
            Part part = java.util.Arrays.stream(Part.values()).filter(p -> p.folder().equals(folder)).findFirst()
                    .orElseThrow(() -> new InputException(new Problem(ProblemCode.RULES, "rules/" + e.getKey(), "",
                            "a rule file belongs in decision/, assume/ or escalation/")));
            parts.computeIfAbsent(part, k -> new java.util.TreeMap<>()).put(e.getKey(), e.getValue());
        }
        return parts;
    }

    private static KieBase compile(Map<String, String> sources) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId rid = ks.newReleaseId("dev.gatehouse", "rules-" + BUILDS.incrementAndGet(), "1.0.0");
        KieBuilder kb = ks.newKieBuilder(fileSystem(ks, rid, sources)).buildAll();
        failOnErrors(kb, sources);
        KieContainer kc = ks.newKieContainer(rid);
        return kc.getKieBase();
    }

    /**
     * The rule files of one part as Drools' virtual project: each at the folder of its DRL package
     * ({@code dev/gatehouse/rules/decision/10-gates.drl}), with a pom.
     */
    static KieFileSystem fileSystem(KieServices ks, ReleaseId rid, Map<String, String> sources) {
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(rid);
        for (Map.Entry<String, String> e : sources.entrySet()) {
            kfs.write("src/main/resources/dev/gatehouse/rules/" + e.getKey(), e.getValue());
        }
        return kfs;
    }

    /** A build error names the rule file (as in the rules folder), line and column. */
    static void failOnErrors(KieBuilder kb, Map<String, String> sources) {
        List<Problem> errors = new ArrayList<>();
        for (Message m : kb.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "" : m.getPath();
            String file = path.substring(path.lastIndexOf('/') + 1);
            String where = sources.keySet().stream().filter(k -> k.endsWith("/" + file) || k.equals(file)).findFirst().orElse(file);
            errors.add(new Problem(ProblemCode.RULES, "rules/" + where, "line " + m.getLine() + ", column " + m.getColumn(),
                    m.getText().replace('\n', ' ')));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
    }
}
