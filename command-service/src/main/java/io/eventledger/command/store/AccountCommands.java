package io.eventledger.command.store;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.common.envelope.EventEnvelope;
import io.eventledger.common.envelope.EventMetadata;
import io.eventledger.common.envelope.EventTypes;
import io.eventledger.common.event.AccountEvent;
import io.eventledger.common.event.LedgerEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where the pure account aggregate meets the store: load, decide, append. A command that loses the race
 * for a version is decided again on the fresh state, a bounded number of times.
 */
public final class AccountCommands {

    public static final int MAX_ATTEMPTS = 5;
    private final EventStore store;

    /** The account after the command, and the events that got it there. */
    public record Outcome(AccountState state, List<EventEnvelope> events) {}

    public AccountCommands(EventStore store) {
        this.store = store;
    }

    public Outcome open(UUID accountId, AccountCommand.OpenAccount command, EventMetadata metadata)
            throws SQLException {
        AccountState fresh = AccountState.initial(accountId);
        List<AccountEvent> events = Account.decide(fresh, command);
        List<EventEnvelope> written = store.append(AppendRequest.first(EventTypes.ACCOUNT, accountId, events, metadata));
        return new Outcome(evolveAll(fresh, events), written);
    }

    /**
     * Runs a command against an existing account. The command is built from the current state, since
     * parsing an amount needs the account's currency. {@code ifMatch}, when present, is the version the
     * client last saw: any other version fails with {@link PreconditionFailedException} instead of a retry.
     */
    public Outcome execute(UUID accountId, OptionalInt ifMatch, Function<AccountState, AccountCommand> command,
                           EventMetadata metadata) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            LoadedStream stream = store.load(accountId);
            AccountState state = fold(accountId, stream);
            if (ifMatch.isPresent() && ifMatch.getAsInt() != state.version()) {
                throw new PreconditionFailedException(ifMatch.getAsInt(), state.version());
            }
            List<AccountEvent> events = Account.decide(state, command.apply(state));
            try {
                List<EventEnvelope> written = store.append(new AppendRequest(EventTypes.ACCOUNT, accountId,
                        state.version(), stream.headHash(), events, metadata));
                return new Outcome(evolveAll(state, events), written);
            } catch (ConcurrencyException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public AccountState current(UUID accountId) throws SQLException {
        return fold(accountId, store.load(accountId));
    }

    private static AccountState fold(UUID accountId, LoadedStream stream) {
        if (stream.isEmpty() || !EventTypes.ACCOUNT.equals(stream.streamType())) {
            throw new StreamNotFoundException("no account " + accountId);
        }
        AccountState state = AccountState.initial(accountId);
        for (LedgerEvent event : stream.events()) {
            state = Account.evolve(state, (AccountEvent) event);
        }
        return state;
    }

    private static AccountState evolveAll(AccountState state, List<AccountEvent> events) {
        AccountState result = state;
        for (AccountEvent event : events) {
            result = Account.evolve(result, event);
        }
        return result;
    }
}
