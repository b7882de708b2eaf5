package io.eventledger.projector.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code GET /summary}, and also each instance's part of it: totals per currency over the
 * store partitions listed in {@code partitions}, read by the instances in {@code servedBy}. Parts add up.
 */
public record SummaryView(
        int accounts, Map<String, CurrencyTotals> currencies, List<Integer> partitions, List<String> servedBy) {

    public SummaryView {
        currencies = new TreeMap<>(currencies);
        partitions = partitions.stream().sorted().toList();
        servedBy = List.copyOf(servedBy);
    }

    static SummaryView empty() {
        return new SummaryView(0, Map.of(), List.of(), List.of());
    }

    SummaryView plus(SummaryView other) {
        Map<String, CurrencyTotals> sum = new TreeMap<>(currencies);
        other.currencies.forEach((currency, totals) -> sum.merge(currency, totals, CurrencyTotals::plus));
        List<Integer> allPartitions = new ArrayList<>(partitions);
        allPartitions.addAll(other.partitions);
        List<String> allInstances = new ArrayList<>(servedBy);
        other.servedBy.stream().filter(i -> !allInstances.contains(i)).forEach(allInstances::add);
        return new SummaryView(accounts + other.accounts, sum, allPartitions, allInstances);
    }
}
