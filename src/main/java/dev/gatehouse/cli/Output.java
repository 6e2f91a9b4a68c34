package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import dev.gatehouse.report.Tables;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Prints an answer in the chosen format: a titled table, CSV, or pretty JSON. */
final class Output {
    /** The last column of answers whose lines may rest on what could not be read. */
    static final String INCOMPLETE = "incomplete";

    private Output() {
    }

    /**
     * The exit code of an answer: {@code otherwise}, unless some of its lines rest on policies that could not
     * be read — then 1, after saying so under a table (JSON and CSV carry the reason on each line).
     */
    static int exitCode(PrintWriter out, String format, long incompleteLines, long lines, int otherwise) {
        if (incompleteLines == 0) {
            return otherwise;
        }
        if (!format.equals("json") && !format.equals("csv")) {
            out.println("INCOMPLETE: " + incompleteLines + " of " + lines + (lines == 1 ? " line rests" : " lines rest")
                    + " on policies that could not be read (column incomplete): the access may be more than shown");
            out.flush();
        }
        return Main.ERROR;
    }

    /** IAM and STS ARNs of the account without their common part: {@code arn:aws:iam::111111111111:role/R} is {@code role/R}. */
    static String shortNames(String text, String account) {
        return text.replace("arn:aws:iam::" + account + ":", "").replace("arn:aws:sts::" + account + ":", "");
    }

    /**
     * @param rows cells per row, given the separator to join multi-valued cells with ("\n" in a table)
     */
    static void print(PrintWriter out, FactsOptions opts, String title, List<String> header,
                      Function<String, List<List<String>>> rows, JsonNode json) throws Exception {
        switch (opts.format) {
            case "json" -> {
                // streamed to the output: a large answer is never one string in memory as well
                Json.mapper().writerWithDefaultPrettyPrinter().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .writeValue(out, json);
                out.println();
            }
            case "csv" -> out.print(Tables.csv(header, rows.apply("; ")));
            default -> {
                List<List<String>> table = rows.apply("\n");
                String account = opts.wide ? null : opts.soleAccount;
                if (account != null) {
                    // one account: its principals by name (role/DeployRole), the account said once
                    table = table.stream().map(r -> r.stream().map(c -> shortNames(c, account)).toList()).toList();
                    title = shortNames(title, account) + "  (account " + account + "; --wide for whole ARNs)";
                }
                out.println(title);
                int last = header.size() - 1;
                if (header.get(last).equals(INCOMPLETE) && table.stream().allMatch(r -> r.get(last).isEmpty())) {
                    // every line rests on what was read: no column to say so
                    header = header.subList(0, last);
                    table = table.stream().map(r -> r.subList(0, last)).toList();
                }
                if (!table.isEmpty()) {
                    out.println();
                    out.print(Tables.table(header, table, opts.wide ? 0 : Terminal.columns()));
                }
            }
        }
        out.flush();
    }
}
