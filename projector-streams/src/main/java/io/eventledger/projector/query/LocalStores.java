package io.eventledger.projector.query;

import io.eventledger.platform.http.ProblemException;
import io.eventledger.projector.topology.StoreNames;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's view of the running topology's stores. Every read names one partition, so a
 * partition this instance does not hold is a 503 (ask again), never a false 404 or a partial sum; and
 * whatever Kafka Streams says while the group rebalances becomes a 503 with Retry-After. A read is fresh
 * only from the active copy of a running instance; any other copy here (a standby, an active still
 * restoring, any copy while the group rebalances) is read as stale.
 */
public final class LocalStores {

    static final int RETRY_AFTER_SECONDS = 1;

    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Which instances hold an account's partition, as this instance last heard: kept through a rebalance
     * (it may name an instance that is gone), unknown only before the first assignment. Both stores live in
     * the task of the account id's partition.
     */
    KeyQueryMetadata placement(String accountId) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw notQueryable(state);
        }
        KeyQueryMetadata placement = queryable(() -> streams.queryMetadataForKey(
                StoreNames.BALANCES_STORE, accountId, Serdes.String().serializer()));
        if (placement == null || KeyQueryMetadata.NOT_AVAILABLE.equals(placement)) {
            throw ProblemException.unavailable(
                    "no instance holds this account right now (rebalancing)", RETRY_AFTER_SECONDS);
        }
        return placement;
    }

    /** One partition of a store, active copies only; reads through it must go through {@link #queryable}. */
    <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        return queryable(() -> store(name, partition, false));
    }

    /**
     * Reads one partition of a store from the active copy if this instance runs it, else from whatever copy
     * it holds, marked stale; 503 when it holds none.
     */
    <V, T> LocalRead<T> read(String name, int partition, Function<ReadOnlyKeyValueStore<String, V>, T> query) {
        if (streams.state() == KafkaStreams.State.RUNNING) {
            try {
                return new LocalRead<>(query.apply(this.<V>store(name, partition, false)), false);
            } catch (InvalidStateStoreException | IllegalStateException e) {
                // not the active copy here, or not yet: any other copy here answers, marked stale
            }
        }
        return readAgain(name, partition, true, query);
    }

    /** Reads from the same kind of copy as an earlier {@link #read} of the partition did. */
    <V, T> LocalRead<T> readAgain(
            String name, int partition, boolean stale, Function<ReadOnlyKeyValueStore<String, V>, T> query) {
        return new LocalRead<>(queryable(() -> query.apply(this.<V>store(name, partition, stale))), stale);
    }

    void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw notQueryable(state);
        }
    }

    KafkaStreams streams() {
        return streams;
    }

    static <T> T queryable(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // the store moved or the instance stopped between the state check and the read
            throw ProblemException.unavailable(
                    "the store is not available here: " + e.getMessage(), RETRY_AFTER_SECONDS);
        }
    }

    /** Throws {@link InvalidStateStoreException} or {@link IllegalStateException} as Kafka Streams does. */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition, boolean anyCopy) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters.fromNameAndType(
                        name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition);
        return streams.store(anyCopy ? parameters.enableStaleStores() : parameters);
    }

    private static ProblemException notQueryable(KafkaStreams.State state) {
        return ProblemException.unavailable(
                "the read models are not queryable while the projector is " + state, RETRY_AFTER_SECONDS);
    }
}
