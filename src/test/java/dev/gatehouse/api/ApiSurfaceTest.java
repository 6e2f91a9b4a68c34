package dev.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The library's surface: one exported package, whose public signatures name only its own types and Java's. */
class ApiSurfaceTest {
    static final List<Class<?>> API = List.of(Gatehouse.class, OrgSnapshot.class, Options.class, AccessRequest.class,
            Decision.class, Verdict.class, StatementRef.class, GateRef.class, Access.class, AssumePath.class,
            EscalationAnswer.class, EscalationStep.class, ReportRow.class, Problem.class, InputException.class,
            ProgressListener.class, Reach.class);

    @Test
    void theModuleExportsTheApiPackageAlone() {
        ModuleDescriptor d = Gatehouse.class.getModule().getDescriptor();
        assertTrue(d != null, "the tests run on the module path, as an embedder's module would");
        assertEquals(Set.of("dev.gatehouse.api"), d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
    }

    @Test
    void publicSignaturesNameNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : API) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                check(leaks, c.getSimpleName() + "." + m.getName(), m.getGenericReturnType());
                for (Type t : m.getGenericParameterTypes()) {
                    check(leaks, c.getSimpleName() + "." + m.getName(), t);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void check(List<String> leaks, String where, Type t) {
        if (t instanceof ParameterizedType p) {
            check(leaks, where, p.getRawType());
            for (Type a : p.getActualTypeArguments()) {
                check(leaks, where, a);
            }
        } else if (t instanceof Class<?> c) {
            Class<?> e = c.isArray() ? c.getComponentType() : c;
            String pkg = e.getPackageName();
            if (!e.isPrimitive() && !pkg.startsWith("java.") && !pkg.equals("dev.gatehouse.api")) {
                leaks.add(where + " names " + e.getName());
            }
        }
    }
}
