package io.eventledger.projector.topology;

import io.eventledger.contract.topic.Topics;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * account-events → one processor → balances-store and daily-summaries-store → balances and
 * daily-summaries, with a side exit to dead-letters. Values are read as raw bytes so that decoding
 * happens inside the processor, where a poison record can be parked instead of killing the stream thread.
 * Both stores belong to the one processor, so they live in the same task: the daily summaries of an
 * account sit on the partition of its account id, whatever their own keys hash to.
 */
public final class ProjectionTopology {

    private ProjectionTopology() {}

    /**
     * The store suppliers are in-memory in driver tests and RocksDB in the running app; everything else is
     * the same topology, so the driver tests exercise what runs.
     */
    public static Topology build(
            Topics topics,
            ZoneId summaryZone,
            KeyValueBytesStoreSupplier balances,
            KeyValueBytesStoreSupplier dailySummaries,
            ProjectionListener listener) {
        requireName(balances, StoreNames.BALANCES_STORE);
        requireName(dailySummaries, StoreNames.DAILY_SUMMARIES_STORE);
        DailySummaryProjection days = new DailySummaryProjection(summaryZone);
        Topology topology = new Topology();
        topology.addSource(
                StoreNames.ACCOUNT_EVENTS_SOURCE,
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                topics.accountEvents());
        topology.addProcessor(
                StoreNames.ACCOUNT_PROCESSOR,
                () -> new AccountEventProcessor(days, listener),
                StoreNames.ACCOUNT_EVENTS_SOURCE);
        // cached: a busy account's reads hit memory instead of RocksDB, and its changelog gets one record per
        // commit instead of one per event; queries read through the cache, so they see the same values
        topology.addStateStore(
                Stores.keyValueStoreBuilder(balances, Serdes.String(), ReadModelSerde.BALANCE)
                        .withCachingEnabled(),
                StoreNames.ACCOUNT_PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(dailySummaries, Serdes.String(), ReadModelSerde.DAILY_SUMMARY)
                        .withCachingEnabled(),
                StoreNames.ACCOUNT_PROCESSOR);
        addSink(topology, StoreNames.BALANCES_SINK, topics.balances());
        addSink(topology, StoreNames.DAILY_SUMMARIES_SINK, topics.dailySummaries());
        addSink(topology, StoreNames.DEAD_LETTERS_SINK, topics.deadLetters());
        return topology;
    }

    private static void addSink(Topology topology, String name, String topic) {
        topology.addSink(name, topic, new StringSerializer(), new ByteArraySerializer(), StoreNames.ACCOUNT_PROCESSOR);
    }

    private static void requireName(KeyValueBytesStoreSupplier store, String name) {
        if (!name.equals(store.name())) {
            throw new IllegalArgumentException(
                    "the store must be named " + name + ": queries look it up by that name; got " + store.name());
        }
    }
}
