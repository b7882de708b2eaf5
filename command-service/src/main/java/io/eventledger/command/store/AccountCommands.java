package io.eventledger.command.store;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where the pure account aggregate meets the store: load (snapshot plus tail), decide, append, through the
 * {@link CommandRunner}, which re-decides a command that lost a race and keeps idempotency keys.
 */
public final class AccountCommands {

    public static final int MAX_ATTEMPTS = CommandRunner.MAX_ATTEMPTS;
    private final CommandRunner runner;
    private final AccountLoader accounts;
    private final Snapshots snapshots;

    /** The account after the command, and the events that got it there. */
    public record Outcome(AccountState state, List<EventEnvelope> events) {}

    public AccountCommands(CommandRunner runner, AccountLoader accounts, Snapshots snapshots) {
        this.runner = runner;
        this.accounts = accounts;
        this.snapshots = snapshots;
    }

    public Outcome open(UUID accountId, AccountCommand.OpenAccount command, EventMetadata metadata)
            throws SQLException {
        return open(accountId, command, CommandRequest.of(metadata), outcome -> null).outcome().orElseThrow();
    }

    public CommandRunner.Result<Outcome> open(UUID accountId, AccountCommand.OpenAccount command,
                                              CommandRequest request, Function<Outcome, Reply> reply)
            throws SQLException {
        return afterCommit(runner.run(request, session -> {
            AccountState fresh = AccountState.initial(accountId);
            List<AccountEvent> events = Account.decide(fresh, command);
            return new Outcome(AccountLoader.fold(fresh, events), session.append(List.of(
                    AppendRequest.first(EventTypes.ACCOUNT, accountId, events, request.metadata()))));
        }, reply));
    }

    /** Runs a command against an existing account, without an idempotency key; see the other overload. */
    public Outcome execute(UUID accountId, OptionalInt ifMatch, Function<AccountState, AccountCommand> command,
                           EventMetadata metadata) throws SQLException {
        CommandRequest request = new CommandRequest(CommandRequest.DIRECT, metadata, ifMatch, Optional.empty());
        return execute(accountId, command, request, outcome -> null).outcome().orElseThrow();
    }

    /**
     * Runs a command against an existing account. The command is built from the current state, since
     * parsing an amount needs the account's currency; {@code reply} turns the outcome into the client's answer.
     */
    public CommandRunner.Result<Outcome> execute(UUID accountId, Function<AccountState, AccountCommand> command,
                                                 CommandRequest request, Function<Outcome, Reply> reply)
            throws SQLException {
        return afterCommit(runner.run(request, Set.of(accountId), session -> {
            AccountLoader.LoadedAccount account = accounts.load(session, accountId);
            AccountState state = account.state();
            request.checkIfMatch(state.version());
            List<AccountEvent> events = Account.decide(state, command.apply(state));
            List<EventEnvelope> written = session.append(List.of(new AppendRequest(EventTypes.ACCOUNT, accountId,
                    state.version(), account.stream().headHash(), events, request.metadata())));
            return new Outcome(AccountLoader.fold(state, events), written);
        }, reply));
    }

    public AccountState current(UUID accountId) throws SQLException {
        return runner.read(session -> accounts.load(session, accountId).state());
    }

    private CommandRunner.Result<Outcome> afterCommit(CommandRunner.Result<Outcome> result) {
        result.outcome().ifPresent(o -> snapshots.afterCommit(o.state(), o.events().size()));
        return result;
    }
}
