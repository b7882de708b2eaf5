package io.eventledger.command.handling;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.execution.Session;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads an account for a command: its newest usable snapshot plus the events after it, folded. */
public final class AccountLoader {

    /** The account, and the stream it came from: the events after {@code snapshotVersion()} and the head. */
    public record LoadedAccount(AccountState state, LoadedStream stream) {

        /** The version of the snapshot the fold started from; 0 for a fold of every event. */
        public int snapshotVersion() {
            return stream.fromVersion();
        }
    }

    private AccountLoader() {}

    /** Fails with {@link StreamNotFoundException} (HTTP 404) when no account has this id. */
    public static LoadedAccount load(Session session, UUID accountId) throws SQLException {
        return find(session, accountId).orElseThrow(() -> new StreamNotFoundException("no account " + accountId));
    }

    public static Optional<LoadedAccount> find(Session session, UUID accountId) throws SQLException {
        Optional<AccountState> snapshot = session.snapshot(accountId).flatMap(AccountSnapshots::read);
        if (snapshot.isPresent()) {
            LoadedStream tail = session.load(accountId, snapshot.get().version());
            // a snapshot beyond the stream's head (say, a restored database) is not to be trusted
            if (tail.version() >= snapshot.get().version() && EventTypes.ACCOUNT.equals(tail.streamType())) {
                return Optional.of(new LoadedAccount(fold(snapshot.get(), tail.events()), tail));
            }
        }
        LoadedStream all = session.load(accountId, 0);
        if (all.isEmpty() || !EventTypes.ACCOUNT.equals(all.streamType())) {
            return Optional.empty();
        }
        return Optional.of(new LoadedAccount(fold(AccountState.initial(accountId), all.events()), all));
    }

    /** The account as it was at {@code version}, folded from its first event. */
    static AccountState at(Session session, UUID accountId, int version) throws SQLException {
        LoadedStream all = session.load(accountId, 0);
        return fold(
                AccountState.initial(accountId),
                all.stored().stream()
                        .filter(e -> e.version() <= version)
                        .map(LoadedStream.StoredEvent::event)
                        .toList());
    }

    /** The account after these events, which must all be account events. */
    static AccountState fold(AccountState from, List<? extends LedgerEvent> events) {
        AccountState state = from;
        for (LedgerEvent event : events) {
            state = Account.evolve(state, (AccountEvent) event);
        }
        return state;
    }
}
