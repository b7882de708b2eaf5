package io.eventledger.projector.query;

import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.StoreNames;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's share of {@code GET /summary}: the totals over some of its active store partitions. */
final class PartitionTotals {

    private final LocalStores stores;
    private final String self;

    PartitionTotals(LocalStores stores, String self) {
        this.stores = stores;
        this.self = self;
    }

    /** Reads every balance and every day of the partitions; a partition not active here is a 503. */
    SummaryView sum(List<Integer> partitions) {
        Map<String, CurrencyTotals> totals = new TreeMap<>();
        int accounts = 0;
        for (int partition : partitions) {
            accounts += add(
                    stores.<Balance>store(StoreNames.BALANCES_STORE, partition),
                    Balance::currency,
                    CurrencyTotals::of,
                    totals);
            add(
                    stores.<DailySummary>store(StoreNames.DAILY_SUMMARIES_STORE, partition),
                    DailySummary::currency,
                    CurrencyTotals::of,
                    totals);
        }
        return new SummaryView(accounts, totals, partitions, List.of(self));
    }

    /** Adds every value of the store partition into {@code totals}; returns how many there were. */
    private static <V> int add(
            ReadOnlyKeyValueStore<String, V> store,
            Function<V, String> currency,
            Function<V, CurrencyTotals> totalsOf,
            Map<String, CurrencyTotals> totals) {
        return LocalStores.queryable(() -> {
            int count = 0;
            try (var values = store.all()) {
                while (values.hasNext()) {
                    V value = values.next().value;
                    totals.merge(currency.apply(value), totalsOf.apply(value), CurrencyTotals::plus);
                    count++;
                }
            }
            return count;
        });
    }
}
