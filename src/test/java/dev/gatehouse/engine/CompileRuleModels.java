package dev.gatehouse.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.ReleaseId;

/**
 * Part of the build, not a test: compiles each part of {@code rules/} to Drools' executable model and
 * writes its classes and {@code model.properties} (see {@link CompiledModel}) into the classes folder, so
 * the jar starts from compiled rules. Run by Maven after the tests compile ({@code pom.xml}, exec plugin):
 * {@code CompileRuleModels <rules folder> <classes folder>}.
 */
public final class CompileRuleModels {
    private CompileRuleModels() {
    }

    public static void main(String[] args) throws IOException {
        Path rules = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        long start = System.nanoTime();
        Map<RuleBase.Part, Map<String, String>> parts = RuleBase.parts(RuleBase.readFolder(rules));
        KieServices ks = KieServices.Factory.get();
        int written = 0;
        for (Map.Entry<RuleBase.Part, Map<String, String>> e : parts.entrySet()) {
            RuleBase.Part part = e.getKey();
            ReleaseId rid = ks.newReleaseId("dev.gatehouse", "rules-" + part.folder(), "1.0.0");
            KieBuilder kb = ks.newKieBuilder(RuleBase.fileSystem(ks, rid, e.getValue())).buildAll(ExecutableModelProject.class);
            RuleBase.failOnErrors(kb, e.getValue());
            byte[] kjar = ((InternalKieModule) kb.getKieModule()).getBytes();
            String prefix = "dev/gatehouse/rules/" + part.folder() + "/";
            String model = null;
            Path folder = classes.resolve(prefix);
            if (Files.isDirectory(folder)) {
                try (var old = Files.walk(folder)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
                for (ZipEntry z; (z = zip.getNextEntry()) != null; ) {
                    if (z.isDirectory()) {
                        continue;
                    }
                    if (z.getName().startsWith(prefix) && z.getName().endsWith(".class")) {
                        Path out = classes.resolve(z.getName());
                        Files.createDirectories(out.getParent());
                        Files.write(out, zip.readAllBytes());
                        written++;
                    } else if (z.getName().endsWith("/drools-model")) {
                        model = new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines()
                                .map(String::trim).filter(l -> l.startsWith(prefix.replace('/', '.'))).findFirst().orElse(null);
                    }
                }
            }
            if (model == null) {
                throw new IllegalStateException("no model class for rules/" + part.folder() + " in the executable model");
            }
            Properties p = new Properties();
            p.setProperty("model", model);
            p.setProperty("sources", CompiledModel.digest(e.getValue()));
            try (OutputStream out = Files.newOutputStream(classes.resolve(CompiledModel.descriptor(part)))) {
                p.store(out, "compiled from rules/" + part.folder() + " by CompileRuleModels; do not edit");
            }
        }
        System.out.printf("gatehouse: compiled %d rule parts to the executable model (%d classes) in %.1f s%n",
                parts.size(), written, (System.nanoTime() - start) / 1e9);
    }
}
