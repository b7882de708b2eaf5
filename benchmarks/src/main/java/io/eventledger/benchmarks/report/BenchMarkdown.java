package io.eventledger.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * The generated part of BENCHMARKS.md: the run's date, command and machine, the table and the charts. It
 * replaces only what lies between the markers, so the hand-written sections around it stay.
 */
final class BenchMarkdown {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    private BenchMarkdown() {}

    static String block(JsonNode runInfo, List<BenchFigure> figures, Map<String, String> charts) {
        StringBuilder md = new StringBuilder(BEGIN)
                .append('\n')
                .append(
                        "<!-- written by infra/bench.sh (BenchmarksReport): edits between the markers are overwritten -->\n")
                .append("## Latest run\n\n");
        JsonNode machine = runInfo.path("machine");
        md.append("- **Date**: ")
                .append(text(runInfo, "date"))
                .append('\n')
                .append("- **Command**: `")
                .append(text(runInfo, "command"))
                .append("` (run directory `")
                .append(text(runInfo, "run_dir"))
                .append("`)\n")
                .append("- **Machine**: ")
                .append(text(machine, "cpus"))
                .append(" cores (")
                .append(text(machine, "cpu_model"))
                .append("), ")
                .append(text(machine, "ram"))
                .append(" RAM, ")
                .append(text(machine, "os"))
                .append("; JDK ")
                .append(text(machine, "jdk"))
                .append("; PostgreSQL ")
                .append(text(machine, "postgres"))
                .append("; Kafka ")
                .append(text(machine, "kafka"))
                .append('\n')
                .append("- **Load average** (1/5/15 min) at the start: ")
                .append(text(runInfo, "load_start"))
                .append("; at the end: ")
                .append(text(runInfo, "load_end"))
                .append(loadNote(runInfo))
                .append("\n\n");
        table(md, figures);
        long met = figures.stream().filter(f -> Boolean.TRUE.equals(f.met())).count();
        long missed =
                figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).count();
        long unmeasured = figures.stream()
                .filter(f -> f.measured().startsWith("not measured"))
                .count();
        md.append("\nTargets met: ")
                .append(met)
                .append(", missed: ")
                .append(missed)
                .append("; rows not measured: ")
                .append(unmeasured)
                .append(". Ratio = measured ÷ limit.\n\n");
        charts.forEach((title, path) ->
                md.append("![").append(title).append("](").append(path).append(")\n"));
        return md.append(END).append('\n').toString();
    }

    private static void table(StringBuilder md, List<BenchFigure> figures) {
        md.append("| figure | measured | limit | ratio | target | met? |\n|---|---|---|---|---|---|\n");
        for (BenchFigure f : figures) {
            md.append("| ")
                    .append(f.figure())
                    .append(" | ")
                    .append(f.measured())
                    .append(" | ")
                    .append(f.limit())
                    .append(" | ")
                    .append(f.ratioText())
                    .append(" | ")
                    .append(f.target())
                    .append(" | ")
                    .append(f.metText())
                    .append(" |\n");
        }
    }

    /** Puts the block between the markers, or right under the title when the file has none yet. */
    static String splice(String document, String block) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin >= 0 && end > begin) {
            int after = document.indexOf('\n', end);
            return document.substring(0, begin) + block + (after < 0 ? "" : document.substring(after + 1));
        }
        int titleEnd = document.indexOf('\n');
        return titleEnd < 0
                ? block + document
                : document.substring(0, titleEnd + 1) + "\n" + block + "\n" + document.substring(titleEnd + 1);
    }

    /** A load average above the core count means other work shared the machine during the run. */
    private static String loadNote(JsonNode runInfo) {
        double cores = runInfo.path("machine").path("cpus").asDouble(Double.MAX_VALUE);
        for (String load : List.of(text(runInfo, "load_start"), text(runInfo, "load_end"))) {
            String first = load.split(" ")[0];
            if (first.matches("[0-9.]+") && Double.parseDouble(first) > cores) {
                return ". Above the core count: other work shared the machine, so read the figures as indicative.";
            }
        }
        return ".";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
        return value.isMissingNode() || value.isNull()
                ? "unknown"
                : value.asText().replace("|", "\\|");
    }
}
