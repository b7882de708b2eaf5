package io.eventledger.benchmarks.report;

import java.util.Locale;

/**
 * One row of the BENCHMARKS.md table. {@code ratio} is measured ÷ limit; {@code met} is null when the row
 * has no target (a reference such as pgbench) or could not be compared.
 */
record BenchFigure(String figure, String measured, String limit, Double ratio, String target, Boolean met) {

    /** A throughput that must reach {@code minRatio} × a reference measured in the same run. */
    static BenchFigure atLeast(
            String figure, String measured, double value, String limit, double reference, double minRatio) {
        double ratio = value / reference;
        return new BenchFigure(figure, measured, limit, ratio, "ratio ≥ " + number(minRatio), ratio >= minRatio);
    }

    /** A time that must stay under a fixed limit; the ratio is how much of the limit it uses. */
    static BenchFigure below(String figure, String measured, double value, double limit, String unit) {
        return new BenchFigure(
                figure,
                measured,
                number(limit) + " " + unit,
                value / limit,
                "< " + number(limit) + " " + unit,
                value < limit);
    }

    /** A figure other rows are compared against, or one shown for information. */
    static BenchFigure reference(String figure, String measured, String target) {
        return new BenchFigure(figure, measured, "—", null, target, null);
    }

    static BenchFigure notMeasured(String figure, String target, String reason) {
        return new BenchFigure(figure, "not measured: " + reason, "—", null, target, null);
    }

    String ratioText() {
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    String metText() {
        return met == null ? "—" : met ? "yes" : "**no**";
    }

    /** Up to two decimals, no trailing zeros, thousands separated: 1,000 · 0.5 · 12.25. */
    static String number(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
