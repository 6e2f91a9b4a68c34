package dev.gatehouse.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.engine.RuleBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Who-can gives one decision to every action of a class (ActionClasses): sound only while the decision
 * rules tell actions apart by the statements that cover them (Matching), by their service, or by naming
 * them as literals — which ActionClasses keeps apart. A rule that reads the action some other way (a prefix,
 * a pattern) must extend ActionClasses first; this test says so. (WhoCanAgreesWithEvaluateTest checks the
 * answers themselves against deciding every action alone.)
 */
class ActionClassesTest {
    private static final Pattern USE = Pattern.compile("\\b(actionLower|action)\\b\\s*([^\\s]+)?");

    @Test
    void theDecisionRulesReadTheActionOnlyByComparingItWithNamedActions() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("rules/decision"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                int n = 0;
                for (String line : Files.readAllLines(f)) {
                    n++;
                    String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
                    Matcher m = USE.matcher(code);
                    while (m.find()) {
                        String op = m.group(2) == null ? "" : m.group(2);
                        assertTrue(op.equals("==") || op.equals("in"), f.getFileName() + ":" + n + " reads the action as `"
                                + m.group(0).trim() + "`: ActionClasses would give it another action's decision");
                    }
                }
            }
        }
    }

    @Test
    void theNamedActionsAreTheOnesTheRulesCompare() {
        var named = RuleBase.shipped().actionsNamed(RuleBase.Part.DECISION);
        assertTrue(named.contains("sts:getcalleridentity") && named.contains("kms:createalias"), named.toString());
    }
}
