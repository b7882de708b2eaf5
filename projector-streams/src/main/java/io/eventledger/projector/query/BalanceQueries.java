package io.eventledger.projector.query;

import io.eventledger.common.auth.Role;
import io.eventledger.common.http.ProblemException;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.StoreNames;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /balances/{id}} on any instance: answered from the local store when this instance owns
 * the key, else forwarded to the owner. While the group rebalances the answer is 503 with
 * {@code Retry-After}, never a 500 and never a false 404 from a store that does not hold the key.
 */
public final class BalanceQueries {

    private static final int RETRY_AFTER_SECONDS = 1;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PeerForwarder peers;

    public BalanceQueries(KafkaStreams streams, HostInfo self, PeerForwarder peers) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
    }

    public void register(Javalin app) {
        app.get("/balances/{id}", this::balance, Role.READER, Role.AUDITOR, Role.OPERATOR);
    }

    private void balance(Context ctx) {
        String accountId = accountId(ctx);
        KeyQueryMetadata owner = owner(accountId);
        // a forwarded request is answered here whatever this instance believes: forwarding twice could loop
        if (self.equals(owner.activeHost()) || PeerForwarder.isForwarded(ctx)) {
            Balance balance = ReadYourWrites.from(ctx).await(() -> readLocal(accountId, owner.partition()));
            if (balance == null) {
                throw ProblemException.notFound("no account " + accountId);
            }
            ctx.json(BalanceView.of(balance, self.host() + ":" + self.port()));
        } else {
            peers.forward(ctx, owner.activeHost());
        }
    }

    private KeyQueryMetadata owner(String accountId) {
        requireRunning();
        KeyQueryMetadata owner = queryable(() ->
                streams.queryMetadataForKey(StoreNames.BALANCES_STORE, accountId, Serdes.String().serializer()));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw ProblemException.unavailable("no instance owns this account right now (rebalancing)", RETRY_AFTER_SECONDS);
        }
        return owner;
    }

    /** Reads only the key's own partition, so a partition this instance does not host is a 503, not a false 404. */
    private Balance readLocal(String accountId, int partition) {
        return queryable(() -> {
            ReadOnlyKeyValueStore<String, Balance> store = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.BALANCES_STORE, QueryableStoreTypes.<String, Balance>keyValueStore())
                    .withPartition(partition));
            return store.get(accountId);
        });
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw ProblemException.unavailable("balances are not queryable while the projector is " + state,
                    RETRY_AFTER_SECONDS);
        }
    }

    private static <T> T queryable(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // the store moved or the instance stopped between the state check and the read
            throw ProblemException.unavailable("the balances store is not available here: " + e.getMessage(),
                    RETRY_AFTER_SECONDS);
        }
    }

    private static String accountId(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "account id must be a UUID, got '" + id + "'");
        }
    }
}
