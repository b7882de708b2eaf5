package io.eventledger.command.testing;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads series out of a Prometheus text scrape ({@code GET /metrics}). */
public final class Scrape {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Scrape() {}

    /** The sum of the series of {@code name} carrying all the given label pairs; 0 while there is none. */
    public static double value(String scrape, String name, String... labels) {
        Map<String, String> wanted = IntStream.range(0, labels.length / 2)
                .boxed()
                .collect(Collectors.toMap(i -> labels[2 * i], i -> labels[2 * i + 1]));
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> labelsOf(line).entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Map<String, String> labelsOf(String line) {
        Matcher m = LABEL.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}')));
        return m.results().collect(Collectors.toMap(r -> r.group(1), r -> r.group(2)));
    }
}
