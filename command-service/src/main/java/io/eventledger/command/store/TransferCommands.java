package io.eventledger.command.store;

import io.eventledger.command.account.AccountState;
import io.eventledger.command.store.AccountLoader.LoadedAccount;
import io.eventledger.command.store.AppendRequest.NewEvent;
import io.eventledger.command.transfer.Transfer;
import io.eventledger.command.transfer.TransferCommand.ApproveTransfer;
import io.eventledger.command.transfer.TransferCommand.InitiateTransfer;
import io.eventledger.command.transfer.TransferCommand.RejectTransfer;
import io.eventledger.command.transfer.TransferDecision;
import io.eventledger.command.transfer.TransferState;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.TransferEvent;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where the pure transfer aggregate meets the store: load the transfer and both accounts, decide, and append
 * to every stream the decision touches in one transaction, each at its expected version, through the
 * {@link CommandRunner}. So the money of a transfer moves all at once or not at all.
 */
public final class TransferCommands {

    private final CommandRunner runner;
    private final AccountLoader accounts;
    private final Snapshots snapshots;
    private final BigDecimal approvalThreshold;

    /** A transfer and when each of its steps was recorded, by event type (e.g. {@code TransferInitiated}). */
    public record TransferRecord(TransferState state, Map<String, Instant> steps) {}

    /** The transfer after the command, the events written, and the accounts whose balances moved. */
    public record Outcome(TransferRecord transfer, List<EventEnvelope> events, List<AccountState> accounts) {}

    public TransferCommands(CommandRunner runner, AccountLoader accounts, Snapshots snapshots,
                            BigDecimal approvalThreshold) {
        this.runner = runner;
        this.accounts = accounts;
        this.snapshots = snapshots;
        this.approvalThreshold = approvalThreshold;
    }

    public CommandRunner.Result<Outcome> initiate(UUID transferId, UUID fromAccountId, UUID toAccountId, Money amount,
                                                  CommandRequest request, Function<Outcome, Reply> reply)
            throws SQLException {
        // a new transfer knows every stream it may write: lock them first (see CommandRunner); copyOf, as from
        // may equal to (refused by the aggregate, not here)
        Set<UUID> streams = Set.copyOf(List.of(transferId, fromAccountId, toAccountId));
        return afterCommit(runner.run(request, streams, session -> {
            LoadedTransfer fresh = LoadedTransfer.fresh(transferId);
            LoadedAccount source = account(session, fromAccountId);
            LoadedAccount target = account(session, toAccountId);
            TransferDecision decision = Transfer.decide(fresh.state(), new InitiateTransfer(source.state(),
                    target.state(), amount, request.metadata().userId(), approvalThreshold));
            return write(session, fresh, source, target, decision, request.metadata(), false);
        }, reply));
    }

    /** Approving executes the transfer, so the execution's events name the approval event as their cause. */
    public CommandRunner.Result<Outcome> approve(UUID transferId, CommandRequest request,
                                                 Function<Outcome, Reply> reply) throws SQLException {
        return afterCommit(runner.run(request, session -> {
            LoadedTransfer transfer = LoadedTransfer.load(session, transferId);
            request.checkIfMatch(transfer.state().version());
            LoadedAccount source = account(session, transfer.state().fromAccountId());
            LoadedAccount target = account(session, transfer.state().toAccountId());
            TransferDecision decision = Transfer.decide(transfer.state(),
                    new ApproveTransfer(source.state(), target.state(), request.metadata().userId()));
            return write(session, transfer, source, target, decision, request.metadata(), true);
        }, reply));
    }

    public CommandRunner.Result<Outcome> reject(UUID transferId, String reason, CommandRequest request,
                                                Function<Outcome, Reply> reply) throws SQLException {
        return runner.run(request, session -> {
            LoadedTransfer transfer = LoadedTransfer.load(session, transferId);
            request.checkIfMatch(transfer.state().version());
            TransferDecision decision = Transfer.decide(transfer.state(),
                    new RejectTransfer(request.metadata().userId(), reason));
            return write(session, transfer, null, null, decision, request.metadata(), false);
        }, reply);
    }

    public TransferRecord show(UUID transferId) throws SQLException {
        return runner.read(session -> {
            LoadedTransfer transfer = LoadedTransfer.load(session, transferId);
            return new TransferRecord(transfer.state(), transfer.steps(List.of()));
        });
    }

    private Outcome write(CommandSession session, LoadedTransfer transfer, LoadedAccount source, LoadedAccount target,
                          TransferDecision decision, EventMetadata metadata, boolean causedByFirst) throws SQLException {
        List<TransferEvent> events = decision.transferEvents();
        NewEvent first = NewEvent.of(events.getFirst(), metadata);
        EventMetadata consequences = causedByFirst ? causedBy(metadata, first.eventId()) : metadata;
        List<NewEvent> own = new ArrayList<>(List.of(first));
        events.stream().skip(1).forEach(e -> own.add(NewEvent.of(e, consequences)));
        List<AppendRequest> requests = new ArrayList<>(List.of(new AppendRequest(EventTypes.TRANSFER,
                transfer.state().id(), transfer.state().version(), transfer.stream().headHash(), own)));
        List<AccountState> moved = new ArrayList<>();
        leg(source, decision.sourceEvents(), consequences, requests, moved);
        leg(target, decision.targetEvents(), consequences, requests, moved);
        List<EventEnvelope> written = session.append(requests);
        TransferState after = LoadedTransfer.fold(transfer.state(), events);
        return new Outcome(new TransferRecord(after, transfer.steps(written)), written, moved);
    }

    private static void leg(LoadedAccount account, List<AccountEvent> events, EventMetadata metadata,
                            List<AppendRequest> requests, List<AccountState> moved) {
        if (events.isEmpty()) {
            return;
        }
        AccountState state = account.state();
        requests.add(new AppendRequest(EventTypes.ACCOUNT, state.id(), state.version(), account.stream().headHash(),
                events, metadata));
        moved.add(AccountLoader.fold(state, events));
    }

    /** A missing account is judged by the aggregate (unknown-account, 422), not answered 404 here. */
    private LoadedAccount account(CommandSession session, UUID accountId) throws SQLException {
        return accounts.find(session, accountId).orElseGet(() ->
                new LoadedAccount(AccountState.initial(accountId), LoadedStream.empty(accountId)));
    }

    private static EventMetadata causedBy(EventMetadata m, UUID causeEventId) {
        return new EventMetadata(m.userId(), m.roles(), m.correlationId(), causeEventId.toString(), m.commandId(),
                m.ip(), m.userAgent());
    }

    private CommandRunner.Result<Outcome> afterCommit(CommandRunner.Result<Outcome> result) {
        result.outcome().ifPresent(o -> o.accounts().forEach(account -> snapshots.afterCommit(account, 1)));
        return result;
    }
}
