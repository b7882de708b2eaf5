package io.eventledger.projector.query;

import io.eventledger.platform.http.ProblemException;
import io.eventledger.projector.topology.StoreNames;
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
 * partition this instance does not host actively is a 503 (ask again), never a false 404 or a partial
 * sum; and whatever Kafka Streams says while the group rebalances becomes a 503 with Retry-After.
 */
public final class LocalStores {

    static final int RETRY_AFTER_SECONDS = 1;

    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The owner of an account's partition: both stores live in the task of the account id's partition. */
    KeyQueryMetadata owner(String accountId) {
        requireRunning();
        KeyQueryMetadata owner = queryable(() -> streams.queryMetadataForKey(
                StoreNames.BALANCES_STORE, accountId, Serdes.String().serializer()));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw ProblemException.unavailable(
                    "no instance owns this account right now (rebalancing)", RETRY_AFTER_SECONDS);
        }
        return owner;
    }

    /** One partition of a store, active copies only; reads through it must go through {@link #queryable}. */
    <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        return queryable(() ->
                streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                        .withPartition(partition)));
    }

    void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw ProblemException.unavailable(
                    "the read models are not queryable while the projector is " + state, RETRY_AFTER_SECONDS);
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
}
