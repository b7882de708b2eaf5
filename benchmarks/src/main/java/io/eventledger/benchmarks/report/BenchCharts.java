package io.eventledger.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two charts of the report, drawn with XChart: the latency distribution of every {@code .hgrm} file of the
 * run (HdrHistogram's percentile output), on the usual log scale of 1/(1−percentile) so the tail is visible; and
 * completed commands per second over time from every {@code -timeline.csv}.
 */
final class BenchCharts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final Set<String> MEASURED = Set.of(BenchFigures.SATURATION, BenchFigures.RATE);

    private BenchCharts() {}

    /** Writes the charts the run has data for into {@code dir}; returns title → file. */
    static Map<String, Path> write(BenchRun run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> written = new LinkedHashMap<>();
        List<Path> histograms = measured(run.files(".hgrm"), ".hgrm");
        if (!histograms.isEmpty()) {
            written.put("Latency distribution", save(latency(histograms), dir.resolve("latency.png")));
        }
        if (!measured(run.files("-timeline.csv"), "-timeline.csv").isEmpty()) {
            written.put("Throughput over time", save(throughput(run), dir.resolve("throughput.png")));
        }
        return written;
    }

    private static XYChart latency(List<Path> histograms) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Latency by percentile")
                .xAxisTitle("percentile")
                .yAxisTitle("latency (ms)")
                .build();
        // x = log10(1/(1-percentile)), labelled as the percentile: XChart's own log axis ignores custom labels
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> percentile(x) + "%");
        for (Path file : histograms) {
            List<double[]> points = percentiles(file);
            if (!points.isEmpty()) {
                series(chart, name(file, ".hgrm"), points);
            }
        }
        return chart;
    }

    /** The reported runs' files only: the unreported warm-up run is left out. */
    private static List<Path> measured(List<Path> files, String suffix) {
        return files.stream().filter(f -> MEASURED.contains(name(f, suffix))).toList();
    }

    /**
     * One series per run, a point per measured second. Answers that came after the last second (an open loop
     * that fell behind) are not a second's throughput: the series' name gives their count instead.
     */
    static XYChart throughput(BenchRun run) throws IOException {
        List<Path> timelines = measured(run.files("-timeline.csv"), "-timeline.csv");
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Completed commands per second")
                .xAxisTitle("second of the run")
                .yAxisTitle("commands/s")
                .build();
        for (Path file : timelines) {
            String name = name(file, "-timeline.csv");
            double duration = run.json(name)
                    .map(j -> j.path("duration_s").asDouble(Double.MAX_VALUE))
                    .orElse(Double.MAX_VALUE);
            List<double[]> points = new ArrayList<>();
            long late = 0;
            for (String line : Files.readAllLines(file)) {
                String[] cells = line.split(",");
                if (cells.length >= 2 && cells[0].strip().matches("[0-9.]+")) {
                    double second = Double.parseDouble(cells[0]);
                    double completed = Double.parseDouble(cells[1]);
                    if (second > Math.ceil(duration)) {
                        late += (long) completed;
                    } else {
                        points.add(new double[] {second, completed});
                    }
                }
            }
            if (!points.isEmpty()) {
                series(
                        chart,
                        late == 0 ? name : name + " (+" + BenchFigure.number(late) + " answered after the end)",
                        points);
            }
        }
        return chart;
    }

    /**
     * HdrHistogram's percentile distribution: rows of value, percentile, total count, 1/(1−percentile); each
     * becomes (log10 of the last, value). The last row's 1/(1−percentile) is infinite and is left out.
     */
    static List<double[]> percentiles(Path hgrm) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(hgrm)) {
            String[] cells = line.strip().split("\\s+");
            if (cells.length == 4 && cells[0].matches("[0-9.]+") && cells[3].matches("[0-9.]+")) {
                points.add(new double[] {Math.log10(Double.parseDouble(cells[3])), Double.parseDouble(cells[0])});
            }
        }
        return points;
    }

    /** 0 → 0, 1 → 90, 2 → 99, 3 → 99.9, and in between: as many decimals as the tail needs. */
    static String percentile(double log10) {
        double percent = 100 * (1 - Math.pow(10, -log10));
        int decimals = Math.max(0, (int) Math.ceil(log10) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f", percent);
    }

    private static void series(XYChart chart, String name, List<double[]> points) {
        double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static String name(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
    }

    private static Path save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
