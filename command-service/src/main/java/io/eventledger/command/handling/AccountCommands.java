package io.eventledger.command.handling;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.execution.CommandExecutor;
import io.eventledger.command.execution.CommandRequest;
import io.eventledger.command.execution.Executed;
import io.eventledger.command.execution.Session;
import io.eventledger.command.idempotency.RecordedOutcome;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Where the pure account aggregate meets the store: load (snapshot plus tail), decide, append. */
public final class AccountCommands {

    private final CommandExecutor executor;
    private final AccountSnapshots snapshots;
    private final StreamFacts facts;

    /** The account after the command, and the events this run wrote (none when the outcome was recalled). */
    public record Outcome(AccountState state, List<EventEnvelope> events) {}

    public AccountCommands(CommandExecutor executor, AccountSnapshots snapshots, StreamFacts facts) {
        this.executor = executor;
        this.snapshots = snapshots;
        this.facts = facts;
    }

    public Executed<Outcome> open(UUID accountId, AccountCommand.OpenAccount command, CommandRequest request)
            throws SQLException {
        return executor.execute(new OnAccount(accountId, request) {
            @Override
            public Outcome decide(Session session) throws SQLException {
                AccountState fresh = AccountState.initial(accountId);
                List<AccountEvent> events = Account.decide(fresh, command);
                return written(
                        session,
                        fresh,
                        events,
                        session.append(List.of(
                                AppendRequest.first(EventTypes.ACCOUNT, accountId, events, request.metadata()))));
            }
        });
    }

    /** Runs a command, parsed complete, against an existing account. */
    public Executed<Outcome> execute(UUID accountId, AccountCommand command, CommandRequest request)
            throws SQLException {
        return executor.execute(new OnAccount(accountId, request) {
            @Override
            public Outcome decide(Session session) throws SQLException {
                AccountLoader.LoadedAccount account = AccountLoader.load(session, accountId);
                AccountState state = account.state();
                request.checkIfMatch(state.version());
                List<AccountEvent> events = Account.decide(state, command);
                return written(
                        session,
                        state,
                        events,
                        session.append(List.of(new AppendRequest(
                                EventTypes.ACCOUNT,
                                accountId,
                                state.version(),
                                account.stream().headHash(),
                                events,
                                request.metadata()))));
            }
        });
    }

    public AccountState current(UUID accountId) throws SQLException {
        return executor.read(session -> AccountLoader.load(session, accountId).state());
    }

    /** The account's currency, for parsing an amount before the command runs; 404 if there is no such account. */
    public Currency currency(UUID accountId) throws SQLException {
        return facts.currency(accountId);
    }

    private Outcome written(
            Session session, AccountState before, List<AccountEvent> events, List<EventEnvelope> written) {
        AccountState after = AccountLoader.fold(before, events);
        if (snapshots.due(after, events.size())) {
            session.snapshot(AccountSnapshots.of(after));
        }
        return new Outcome(after, written);
    }

    /** A command on one account stream: what its key keeps is the account's version after it. */
    private abstract static class OnAccount extends OnStreams<Outcome> {

        private final UUID accountId;

        OnAccount(UUID accountId, CommandRequest request) {
            super(Set.of(accountId), request);
            this.accountId = accountId;
        }

        @Override
        public RecordedOutcome record(Outcome outcome) {
            return new RecordedOutcome(accountId, outcome.state().version());
        }

        @Override
        public Outcome recall(Session session, RecordedOutcome recorded) throws SQLException {
            return new Outcome(AccountLoader.at(session, recorded.streamId(), recorded.version()), List.of());
        }
    }
}
