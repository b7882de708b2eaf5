package io.eventledger.projector.topology;

import io.eventledger.common.topic.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * account-events → balances-store → balances, with a side exit to dead-letters. Values are read as raw
 * bytes so that decoding happens inside the processor, where a poison record can be parked instead of
 * killing the stream thread.
 */
public final class BalanceTopology {

    private BalanceTopology() {
    }

    /** {@code balances} is in-memory in driver tests and RocksDB in the running app (DESIGN §8). */
    public static Topology build(Topics topics, KeyValueBytesStoreSupplier balances) {
        if (!StoreNames.BALANCES_STORE.equals(balances.name())) {
            throw new IllegalArgumentException("the balances store must be named " + StoreNames.BALANCES_STORE
                    + ", queries look it up by that name; got " + balances.name());
        }
        Topology topology = new Topology();
        topology.addSource(StoreNames.ACCOUNT_EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.accountEvents());
        topology.addProcessor(StoreNames.BALANCE_PROCESSOR, BalanceProcessor::new, StoreNames.ACCOUNT_EVENTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(balances, Serdes.String(), new BalanceSerde()),
                StoreNames.BALANCE_PROCESSOR);
        topology.addSink(StoreNames.BALANCES_SINK, topics.balances(), new StringSerializer(), new ByteArraySerializer(),
                StoreNames.BALANCE_PROCESSOR);
        topology.addSink(StoreNames.DEAD_LETTERS_SINK, topics.deadLetters(), new StringSerializer(),
                new ByteArraySerializer(), StoreNames.BALANCE_PROCESSOR);
        return topology;
    }
}
