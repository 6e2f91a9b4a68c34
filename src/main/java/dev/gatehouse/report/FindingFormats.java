package dev.gatehouse.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Finding;
import dev.gatehouse.api.FindingType;
import dev.gatehouse.api.Severity;
import dev.gatehouse.policy.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Findings as text (severity first, with proof and location), JSON, and SARIF 2.1.0 for code-scanning dashboards. */
public final class FindingFormats {
    private FindingFormats() {
    }

    /** {@code 7 findings: 1 critical, 3 high, 2 medium, 1 low}. */
    public static String summary(List<Finding> findings) {
        Map<Severity, Integer> by = new EnumMap<>(Severity.class);
        findings.forEach(f -> by.merge(f.type().severity(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder(findings.size() + (findings.size() == 1 ? " finding" : " findings"));
        if (!by.isEmpty()) {
            sb.append(": ");
            List<String> parts = new java.util.ArrayList<>();
            by.forEach((s, n) -> parts.add(n + " " + s.word()));
            sb.append(String.join(", ", parts));
        }
        return sb.toString();
    }

    public static String text(List<Finding> findings) {
        StringBuilder sb = new StringBuilder(summary(findings)).append("\n");
        for (Finding f : findings) {
            sb.append("\n").append(String.format("%-8s  %s  %s%n", f.type().severity().word().toUpperCase(java.util.Locale.ROOT),
                    f.type().code(), f.type().title()));
            sb.append("          ").append(f.subject());
            if (f.principal() != null && !f.principal().equals(f.subject())) {
                sb.append(": ").append(f.principal());
            }
            sb.append(" — ").append(f.detail()).append(" (").append(f.decision().word()).append(")\n");
            f.conditions().forEach(c -> sb.append("          ").append(c).append("\n"));
            f.proof().forEach(p -> sb.append("          proof: ").append(p).append("\n"));
            if (f.location() != null) {
                sb.append("          at: ").append(f.location().file()).append(f.location().pointer().isEmpty() ? "" : " " + f.location().pointer())
                        .append("\n");
            }
        }
        return sb.toString();
    }

    /** The findings as the section that opens report.html: a table, most severe first, the proof under each subject. */
    public static String html(List<Finding> findings) {
        StringBuilder sb = new StringBuilder("<h2>Findings</h2>\n<p>").append(ReportWriter.esc(summary(findings)))
                .append(" (<code>gatehouse findings --catalog</code> says what each means and how to fix it).</p>\n");
        if (findings.isEmpty()) {
            return sb.toString();
        }
        sb.append("<style>table.findings td{overflow-wrap:anywhere}table.findings td.proof{max-width:40em}"
                + "table.findings td:nth-child(-n+2),table.findings td:nth-child(6){white-space:nowrap;overflow-wrap:normal}"
                + "tr.critical td:first-child{background:#f8d0d0;font-weight:bold}tr.high td:first-child{background:#fde0c8}"
                + "tr.medium td:first-child{background:#fff3c4}</style>\n");
        // sortable and filterable with report.html's table script (ReportWriter.TABLE_SCRIPT)
        sb.append("<p><span id=\"findings-count\">").append(findings.size()).append(findings.size() == 1 ? " row" : " rows")
                .append("</span>. <input id=\"findings-filter\" placeholder=\"filter findings\" "
                        + "oninput=\"filterRows('findings','findings-filter','findings-count',false)\"></p>\n");
        sb.append("<table class=\"findings\" id=\"findings\"><thead><tr>");
        String[] heads = {"severity", "code", "finding", "subject", "principal", "decision", "proof"};
        for (int i = 0; i < heads.length; i++) {
            sb.append("<th onclick=\"sortBy('findings',").append(i).append(")\" style=\"cursor:pointer\">").append(heads[i]).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (Finding f : findings) {
            sb.append("<tr class=\"").append(f.type().severity().word()).append("\"><td>").append(f.type().severity().word()).append("</td><td>").append(f.type().code()).append("</td><td>")
                    .append(ReportWriter.esc(f.type().title())).append(": ").append(ReportWriter.esc(f.detail())).append("</td><td>")
                    .append(ReportWriter.esc(f.subject())).append("</td><td>").append(f.principal() == null ? "" : ReportWriter.esc(f.principal()))
                    .append("</td><td>").append(f.decision().word()).append("</td><td class=\"proof\">").append(proofHtml(f.proof()))
                    .append("</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    /** A finding's proof: its first line, and the rest behind an expandable "N more lines". */
    static String proofHtml(List<String> proof) {
        if (proof.size() <= 1) {
            return String.join("", proof.stream().map(ReportWriter::esc).toList());
        }
        return ReportWriter.esc(proof.get(0)) + "<details><summary>" + (proof.size() - 1) + (proof.size() == 2 ? " more line" : " more lines")
                + "</summary>" + String.join("<br>", proof.subList(1, proof.size()).stream().map(ReportWriter::esc).toList()) + "</details>";
    }

    public static ArrayNode json(List<Finding> findings) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = a.addObject();
            o.put("code", f.type().code());
            o.put("id", f.type().id());
            o.put("title", f.type().title());
            o.put("severity", f.type().severity().word());
            o.put("subject", f.subject());
            if (f.principal() != null) {
                o.put("principal", f.principal());
            }
            o.put("decision", f.decision().word());
            o.put("detail", f.detail());
            f.conditions().forEach(o.putArray("conditions")::add);
            f.proof().forEach(o.putArray("proof")::add);
            if (f.location() != null) {
                o.putObject("location").put("file", f.location().file()).put("pointer", f.location().pointer());
            }
        }
        return a;
    }

    /** The catalog: one rule per kind of finding, as SARIF's reportingDescriptor and as the `findings --catalog` table. */
    public static ArrayNode catalog() {
        return rules(FindingType.catalog());
    }

    private static ArrayNode rules(List<FindingType> types) {
        ArrayNode rules = Json.mapper().createArrayNode();
        for (FindingType t : types) {
            ObjectNode r = rules.addObject();
            r.put("id", t.code());
            r.put("name", t.id());
            r.putObject("shortDescription").put("text", t.title());
            r.putObject("fullDescription").put("text", t.means());
            r.putObject("help").put("text", t.fix());
            r.putObject("defaultConfiguration").put("level", t.severity().sarifLevel());
            ObjectNode props = r.putObject("properties");
            props.put("security-severity", switch (t.severity()) {
                case CRITICAL -> "9.5";
                case HIGH -> "8.0";
                case MEDIUM -> "5.5";
                case LOW -> "3.0";
                case INFO -> "1.0";
            });
            props.putArray("tags").add("security").add("iam");
        }
        return rules;
    }

    /**
     * SARIF 2.1.0: one run of the tool Gatehouse, its rules the catalog, one result per finding, located in the facts
     * file (with the line of the element, read from the file) and the JSON pointer of the statement responsible (a
     * logical location), with a fingerprint stable across runs.
     */
    public static ObjectNode sarif(List<Finding> findings) {
        return sarif(findings, FindingType.catalog());
    }

    /** SARIF of findings whose kinds are {@code types} (the catalog, or the rules of a check). */
    public static ObjectNode sarif(List<Finding> findings, List<FindingType> types) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Gatehouse");
        driver.put("semanticVersion", "0.1.0");
        driver.put("informationUri", "https://github.com/gatehouse-dev/gatehouse");
        driver.set("rules", rules(types));
        List<String> codes = types.stream().map(FindingType::code).toList();
        ArrayNode results = run.putArray("results");
        Map<String, String> texts = new HashMap<>();
        for (Finding f : findings) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.type().code());
            r.put("ruleIndex", codes.indexOf(f.type().code()));
            r.put("level", f.type().severity().sarifLevel());
            StringBuilder message = new StringBuilder(f.type().title()).append(": ").append(f.subject());
            if (f.principal() != null && !f.principal().equals(f.subject())) {
                message.append(" — ").append(f.principal());
            }
            message.append(" (").append(f.detail()).append(", ").append(f.decision().word()).append(")");
            if (!f.proof().isEmpty()) {
                message.append(". Proof: ").append(String.join("; ", f.proof()));
            }
            r.putObject("message").put("text", message.toString());
            if (f.location() != null) {
                ObjectNode loc = r.putArray("locations").addObject();
                ObjectNode physical = loc.putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(f.location().file()));
                int line = lineOf(texts.computeIfAbsent(f.location().file(), FindingFormats::read), f.location().pointer());
                physical.putObject("region").put("startLine", Math.max(1, line));
                if (!f.location().pointer().isEmpty()) {
                    loc.putArray("logicalLocations").addObject().put("fullyQualifiedName", f.location().pointer()).put("kind", "element");
                }
            }
            r.putObject("partialFingerprints").put("gatehouseFinding/v1", sha256(f.key()));
            ObjectNode props = r.putObject("properties");
            props.put("subject", f.subject());
            if (f.principal() != null) {
                props.put("principal", f.principal());
            }
            props.put("decision", f.decision().word());
            f.conditions().forEach(props.putArray("conditions")::add);
            f.proof().forEach(props.putArray("proof")::add);
        }
        return root;
    }

    private static String uri(String file) {
        return file.replace('\\', '/').replace(" ", "%20");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file.contains("#") ? file.substring(0, file.indexOf('#')) : file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The line of the element a JSON pointer names in a JSON text; 1 when it cannot be found. */
    static int lineOf(String text, String pointer) {
        if (text.isEmpty() || pointer.isEmpty()) {
            return 1;
        }
        try (JsonParser p = Json.mapper().getFactory().createParser(text)) {
            // the pointer of each open container, and for an array the index of its last element (-1 before the first)
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> index = new ArrayDeque<>();
            String field = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName().replace("~", "~0").replace("/", "~1");
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    path.removeLast();
                    index.pop();
                    continue;
                }
                String here;
                if (path.isEmpty()) {
                    here = "";
                } else if (field != null) {
                    here = path.peekLast() + "/" + field;
                } else {
                    int i = index.pop() + 1;
                    index.push(i);
                    here = path.peekLast() + "/" + i;
                }
                field = null;
                if (here.equals(pointer)) {
                    return p.currentTokenLocation().getLineNr();
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    path.addLast(here);
                    index.push(-1);
                }
            }
        } catch (IOException e) {
            return 1;
        }
        return 1;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
