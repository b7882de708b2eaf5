package io.eventledger.command.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * infra/bench.sh's last step: reads a run directory, draws the charts into {@code --charts DIR} and rewrites
 * the generated block of {@code --markdown FILE}, then prints the table. A part that left no JSON shows as
 * "not measured" with the script's reason; nothing here fails because a part did.
 * <pre>BenchmarksReport --run target/bench/TIMESTAMP --charts docs/bench --markdown BENCHMARKS.md</pre>
 */
public final class BenchmarksReport {

    private BenchmarksReport() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> options = options(args);
        Path markdown = Path.of(options.getOrDefault("--markdown", "BENCHMARKS.md"));
        String table = write(new BenchRun(Path.of(options.get("--run"))),
                Path.of(options.getOrDefault("--charts", "docs/bench")), markdown);
        System.out.print(table);
    }

    /** Returns the block it put into the markdown file. */
    static String write(BenchRun run, Path chartDir, Path markdown) throws Exception {
        List<BenchFigure> figures = new BenchFigures(run).all();
        Map<String, String> charts = new LinkedHashMap<>();
        Path base = markdown.toAbsolutePath().getParent();
        BenchCharts.write(run, chartDir).forEach((title, file) ->
                charts.put(title, base.relativize(file.toAbsolutePath()).toString()));
        JsonNode info = run.json("run").orElse(MissingNode.getInstance());
        String block = BenchMarkdown.block(info, figures, charts);
        String document = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
        Files.writeString(markdown, BenchMarkdown.splice(document, block));
        return block;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--run")) {
            throw new IllegalArgumentException("usage: BenchmarksReport --run DIR [--charts DIR] [--markdown FILE]");
        }
        return options;
    }
}
