package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.report.Tables;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Prints an answer in the chosen format: a titled table, CSV, or pretty JSON. */
final class Output {
    private Output() {
    }

    /**
     * @param rows cells per row, given the separator to join multi-valued cells with ("\n" in a table)
     */
    static void print(PrintWriter out, String format, String title, List<String> header,
                      Function<String, List<List<String>>> rows, JsonNode json) throws Exception {
        switch (format) {
            case "json" -> out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            case "csv" -> out.print(Tables.csv(header, rows.apply("; ")));
            default -> {
                out.println(title);
                List<List<String>> table = rows.apply("\n");
                if (!table.isEmpty()) {
                    out.println();
                    out.print(Tables.table(header, table));
                }
            }
        }
        out.flush();
    }
}
