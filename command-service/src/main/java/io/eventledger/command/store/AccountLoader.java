package io.eventledger.command.store;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountState;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads an account for a command: its newest usable snapshot plus the events after it, folded. */
public final class AccountLoader {

    private final Snapshots snapshots;

    /** The account, and the stream it came from: the events after {@code snapshotVersion()} and the head. */
    public record LoadedAccount(AccountState state, LoadedStream stream) {

        /** The version of the snapshot the fold started from; 0 for a fold of every event. */
        public int snapshotVersion() {
            return stream.fromVersion();
        }
    }

    public AccountLoader(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Fails with {@link StreamNotFoundException} (HTTP 404) when no account has this id. */
    public LoadedAccount load(CommandSession session, UUID accountId) throws SQLException {
        return find(session, accountId).orElseThrow(() -> new StreamNotFoundException("no account " + accountId));
    }

    public Optional<LoadedAccount> find(CommandSession session, UUID accountId) throws SQLException {
        Optional<AccountState> snapshot = session.snapshot(accountId, snapshots);
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

    /** The account after these events, which must all be account events. */
    static AccountState fold(AccountState from, List<? extends LedgerEvent> events) {
        AccountState state = from;
        for (LedgerEvent event : events) {
            state = Account.evolve(state, (AccountEvent) event);
        }
        return state;
    }
}
