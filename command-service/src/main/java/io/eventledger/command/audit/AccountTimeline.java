package io.eventledger.command.audit;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.handling.StreamNotFoundException;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An account's past: its state at a version or at a time, and its statement for a window. A time cuts the
 * history as a prefix in version order (everything before the first event that occurred later), so a clock
 * that stepped back can never make a state skip an event. An unknown account is a
 * {@link StreamNotFoundException}; a cut before the account was opened is an empty result.
 */
public final class AccountTimeline {

    private final EventHistory history;

    public AccountTimeline(EventHistory history) {
        this.history = history;
    }

    /** The state right after version {@code version}; empty if the account has not reached it. */
    public Optional<AccountState> atVersion(UUID accountId, int version) throws SQLException {
        AccountState state = fold(accountId, version, null);
        return state.version() == version ? Optional.of(state) : Optional.empty();
    }

    /** The state after every event that occurred at or before {@code asOf}; empty if not opened by then. */
    public Optional<AccountState> asOf(UUID accountId, Instant asOf) throws SQLException {
        AccountState state = fold(accountId, Integer.MAX_VALUE, asOf);
        return state.version() == 0 ? Optional.empty() : Optional.of(state);
    }

    /** Money events in [from, to) with running balances; empty if the account was opened at or after {@code to}. */
    public Optional<Statement> statement(UUID accountId, Instant from, Instant to) throws SQLException {
        requireAccount(accountId);
        StatementBuilder builder = new StatementBuilder(accountId, from, to);
        history.scan(accountId, Integer.MAX_VALUE, builder::accept);
        return builder.closing().version() == 0 ? Optional.empty() : Optional.of(builder.build());
    }

    private AccountState fold(UUID accountId, int maxVersion, Instant asOf) throws SQLException {
        requireAccount(accountId);
        AccountState[] state = {AccountState.initial(accountId)};
        history.scan(accountId, maxVersion, entry -> {
            if (asOf != null && entry.occurredAt().isAfter(asOf)) {
                return false;
            }
            state[0] = Account.evolve(state[0], (AccountEvent) entry.event());
            return true;
        });
        return state[0];
    }

    /** Throws {@link StreamNotFoundException} unless the id names an account. */
    public void requireAccount(UUID accountId) throws SQLException {
        if (!history.streamType(accountId).filter(EventTypes.ACCOUNT::equals).isPresent()) {
            throw new StreamNotFoundException("no account " + accountId);
        }
    }
}
