package io.eventledger.command.handling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.event.TransferEvent.TransferInitiated;
import io.eventledger.contract.money.Currencies;
import java.sql.SQLException;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

/**
 * What a stream's first event fixed for good, looked up before a command's transaction so the command can be
 * parsed complete at the edge: an account's currency (an amount's scale) and a transfer's two accounts (the
 * streams its approval writes). First events never change, so the answers are cached without expiry.
 */
public final class StreamFacts {

    /** Enough for the accounts and open transfers a service sees; the least recently used go first. */
    private static final int MAX_STREAMS = 100_000;

    private final EventStore store;
    private final Cache<UUID, LedgerEvent> first =
            Caffeine.newBuilder().maximumSize(MAX_STREAMS).build();

    /** A transfer's accounts. */
    public record Parties(UUID fromAccountId, UUID toAccountId) {}

    public StreamFacts(EventStore store) {
        this.store = store;
    }

    /** The account's currency; {@link StreamNotFoundException} (HTTP 404) when no account has this id. */
    public Currency currency(UUID accountId) throws SQLException {
        if (first(accountId).orElse(null) instanceof AccountOpened opened) {
            return Currencies.parse(opened.currency());
        }
        throw new StreamNotFoundException("no account " + accountId);
    }

    /** The transfer's accounts; {@link StreamNotFoundException} (HTTP 404) when no transfer has this id. */
    public Parties parties(UUID transferId) throws SQLException {
        if (first(transferId).orElse(null) instanceof TransferInitiated initiated) {
            return new Parties(initiated.fromAccountId(), initiated.toAccountId());
        }
        throw new StreamNotFoundException("no transfer " + transferId);
    }

    private Optional<LedgerEvent> first(UUID streamId) throws SQLException {
        LedgerEvent known = first.getIfPresent(streamId);
        if (known != null) {
            return Optional.of(known);
        }
        // a stream not found is not cached: it may be opened a moment later
        Optional<LedgerEvent> found = store.first(streamId).map(LoadedStream.StoredEvent::event);
        found.ifPresent(event -> first.put(streamId, event));
        return found;
    }
}
