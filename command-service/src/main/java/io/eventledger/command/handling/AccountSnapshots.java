package io.eventledger.command.handling;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.eventstore.Snapshots.Snapshot;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.money.Currencies;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an account is kept in {@code ledger.snapshots}: every {@code every} events, with the command that
 * crosses the multiple. Only rows of the current {@link #SCHEMA_VERSION} are read; an older shape is ignored
 * and the account is folded in full.
 */
public final class AccountSnapshots {

    /** Bump when {@link State} changes shape; rows of older versions are then ignored, never misread. */
    public static final int SCHEMA_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(AccountSnapshots.class);
    private final int every;

    /** The stored shape of an account; its id and version are the row's stream_id and version. */
    record State(String ownerId, String currency, BigDecimal balance, AccountState.Status status) {}

    public AccountSnapshots(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("snapshot interval must be 1 or more, got " + every);
        }
        this.every = every;
    }

    /** Whether {@code added} events that brought the account to its version crossed a multiple of every. */
    boolean due(AccountState account, int added) {
        return (account.version() - added) / every < account.version() / every;
    }

    public static Snapshot of(AccountState account) {
        try {
            return new Snapshot(
                    account.id(),
                    account.version(),
                    SCHEMA_VERSION,
                    Json.mapper()
                            .writeValueAsString(new State(
                                    account.ownerId(),
                                    account.currency().getCurrencyCode(),
                                    account.balance().amount(),
                                    account.status())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a snapshot of account " + account.id(), e);
        }
    }

    /** The account a snapshot holds, if it is of the current schema and readable. */
    static Optional<AccountState> read(Snapshot snapshot) {
        if (snapshot.schemaVersion() != SCHEMA_VERSION) {
            return Optional.empty();
        }
        try {
            State s = Json.mapper().readValue(snapshot.state(), State.class);
            return Optional.of(new AccountState(
                    snapshot.streamId(),
                    s.ownerId(),
                    Currencies.parse(s.currency()),
                    Money.of(s.balance(), s.currency()),
                    s.status(),
                    snapshot.version()));
        } catch (JsonProcessingException | RuntimeException e) {
            // a snapshot is only a shortcut: the events can always be folded instead
            LOG.warn(
                    "ignoring unreadable snapshot of account {} at version {}: {}",
                    snapshot.streamId(),
                    snapshot.version(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
