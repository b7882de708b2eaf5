package io.eventledger.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * infra/bench.sh's last step: reads a run directory, draws the charts into {@code --charts DIR} and rewrites
 * the generated block of {@code --markdown FILE}, then prints the table. A part that left no JSON shows as
 * "not measured" with the script's reason; nothing here fails because a part did.
 * <pre>BenchmarksReport --run target/bench/TIMESTAMP --charts docs/bench --markdown BENCHMARKS.md</pre>
 */
@Command(
        name = "BenchmarksReport",
        mixinStandardHelpOptions = true,
        description = "Draws an infra/bench.sh run's charts and rewrites the markdown file's generated block.")
public final class BenchmarksReport implements Callable<Integer> {

    @Option(
            names = "--run",
            required = true,
            paramLabel = "DIR",
            description = "the run directory (target/bench/TIMESTAMP)")
    private Path run;

    @Option(
            names = "--charts",
            defaultValue = "docs/bench",
            paramLabel = "DIR",
            description = "where the PNG charts go (default: ${DEFAULT-VALUE})")
    private Path charts;

    @Option(
            names = "--markdown",
            defaultValue = "BENCHMARKS.md",
            paramLabel = "FILE",
            description = "the file whose generated block is rewritten (default: ${DEFAULT-VALUE})")
    private Path markdown;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarksReport()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        System.out.print(write(new BenchRun(run), charts, markdown));
        return 0;
    }

    /** Returns the block it put into the markdown file. */
    static String write(BenchRun run, Path chartDir, Path markdown) throws Exception {
        List<BenchFigure> figures = new BenchFigures(run).all();
        Map<String, String> charts = new LinkedHashMap<>();
        Path base = markdown.toAbsolutePath().getParent();
        BenchCharts.write(run, chartDir)
                .forEach((title, file) ->
                        charts.put(title, base.relativize(file.toAbsolutePath()).toString()));
        JsonNode info = run.json("run").orElse(MissingNode.getInstance());
        String block = BenchMarkdown.block(info, figures, charts);
        String document = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
        Files.writeString(markdown, BenchMarkdown.splice(document, block));
        return block;
    }
}
