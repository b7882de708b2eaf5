package io.eventledger.command.handling;

import io.eventledger.command.account.AccountState;
import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.AppendRequest.NewEvent;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.execution.CommandExecutor;
import io.eventledger.command.execution.CommandRequest;
import io.eventledger.command.execution.Executed;
import io.eventledger.command.execution.Session;
import io.eventledger.command.handling.AccountLoader.LoadedAccount;
import io.eventledger.command.idempotency.RecordedOutcome;
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

/**
 * Where the pure transfer aggregate meets the store: load the transfer and both accounts, decide, and append
 * to every stream the decision touches in one transaction, each at its expected version. So the money of a
 * transfer moves all at once or not at all.
 */
public final class TransferCommands {

    private final CommandExecutor executor;
    private final AccountSnapshots snapshots;
    private final StreamFacts facts;
    private final BigDecimal approvalThreshold;

    /** A transfer and when each of its steps was recorded, by event type (e.g. {@code TransferInitiated}). */
    public record TransferRecord(TransferState state, Map<String, Instant> steps) {}

    /**
     * The transfer after the command, the events this run wrote and the accounts whose balances moved (none of
     * either when the outcome was recalled for a repeated request).
     */
    public record Outcome(TransferRecord transfer, List<EventEnvelope> events, List<AccountState> accounts) {}

    public TransferCommands(
            CommandExecutor executor, AccountSnapshots snapshots, StreamFacts facts, BigDecimal approvalThreshold) {
        this.executor = executor;
        this.snapshots = snapshots;
        this.facts = facts;
        this.approvalThreshold = approvalThreshold;
    }

    public Executed<Outcome> initiate(
            UUID transferId, UUID fromAccountId, UUID toAccountId, Money amount, CommandRequest request)
            throws SQLException {
        // copyOf, as from may equal to (refused by the aggregate, not here)
        Set<UUID> streams = Set.copyOf(List.of(transferId, fromAccountId, toAccountId));
        return executor.execute(new OnTransfer(transferId, streams, request) {
            @Override
            public Outcome decide(Session session) throws SQLException {
                LoadedTransfer fresh = LoadedTransfer.fresh(transferId);
                LoadedAccount source = account(session, fromAccountId);
                LoadedAccount target = account(session, toAccountId);
                TransferDecision decision = Transfer.decide(
                        fresh.state(),
                        new InitiateTransfer(
                                source.state(),
                                target.state(),
                                amount,
                                request.metadata().userId(),
                                approvalThreshold));
                return write(session, fresh, source, target, decision, request.metadata(), false);
            }
        });
    }

    /** Approving executes the transfer, so the execution's events name the approval event as their cause. */
    public Executed<Outcome> approve(UUID transferId, CommandRequest request) throws SQLException {
        StreamFacts.Parties parties = facts.parties(transferId);
        Set<UUID> streams = Set.copyOf(List.of(transferId, parties.fromAccountId(), parties.toAccountId()));
        return executor.execute(new OnTransfer(transferId, streams, request) {
            @Override
            public Outcome decide(Session session) throws SQLException {
                LoadedTransfer transfer = LoadedTransfer.load(session, transferId);
                request.checkIfMatch(transfer.state().version());
                LoadedAccount source = account(session, parties.fromAccountId());
                LoadedAccount target = account(session, parties.toAccountId());
                TransferDecision decision = Transfer.decide(
                        transfer.state(),
                        new ApproveTransfer(
                                source.state(),
                                target.state(),
                                request.metadata().userId()));
                return write(session, transfer, source, target, decision, request.metadata(), true);
            }
        });
    }

    public Executed<Outcome> reject(UUID transferId, String reason, CommandRequest request) throws SQLException {
        return executor.execute(new OnTransfer(transferId, Set.of(transferId), request) {
            @Override
            public Outcome decide(Session session) throws SQLException {
                LoadedTransfer transfer = LoadedTransfer.load(session, transferId);
                request.checkIfMatch(transfer.state().version());
                TransferDecision decision = Transfer.decide(
                        transfer.state(), new RejectTransfer(request.metadata().userId(), reason));
                return write(session, transfer, null, null, decision, request.metadata(), false);
            }
        });
    }

    public TransferRecord show(UUID transferId) throws SQLException {
        return executor.read(session -> {
            LoadedTransfer transfer = LoadedTransfer.load(session, transferId);
            return new TransferRecord(transfer.state(), transfer.steps(List.of()));
        });
    }

    private Outcome write(
            Session session,
            LoadedTransfer transfer,
            LoadedAccount source,
            LoadedAccount target,
            TransferDecision decision,
            EventMetadata metadata,
            boolean causedByFirst)
            throws SQLException {
        List<TransferEvent> events = decision.transferEvents();
        NewEvent first = NewEvent.of(events.getFirst(), metadata);
        EventMetadata consequences = causedByFirst ? causedBy(metadata, first.eventId()) : metadata;
        List<NewEvent> own = new ArrayList<>(List.of(first));
        events.stream().skip(1).forEach(e -> own.add(NewEvent.of(e, consequences)));
        List<AppendRequest> requests = new ArrayList<>(List.of(new AppendRequest(
                EventTypes.TRANSFER,
                transfer.state().id(),
                transfer.state().version(),
                transfer.stream().headHash(),
                own)));
        List<AccountState> moved = new ArrayList<>();
        leg(source, decision.sourceEvents(), consequences, requests, moved);
        leg(target, decision.targetEvents(), consequences, requests, moved);
        List<EventEnvelope> written = session.append(requests);
        moved.stream()
                .filter(account -> snapshots.due(account, 1))
                .forEach(account -> session.snapshot(AccountSnapshots.of(account)));
        TransferState after = LoadedTransfer.fold(transfer.state(), events);
        return new Outcome(new TransferRecord(after, transfer.steps(written)), written, moved);
    }

    private static void leg(
            LoadedAccount account,
            List<AccountEvent> events,
            EventMetadata metadata,
            List<AppendRequest> requests,
            List<AccountState> moved) {
        if (events.isEmpty()) {
            return;
        }
        AccountState state = account.state();
        requests.add(new AppendRequest(
                EventTypes.ACCOUNT,
                state.id(),
                state.version(),
                account.stream().headHash(),
                events,
                metadata));
        moved.add(AccountLoader.fold(state, events));
    }

    /** A missing account is judged by the aggregate (unknown-account, 422), not answered 404 here. */
    private static LoadedAccount account(Session session, UUID accountId) throws SQLException {
        return AccountLoader.find(session, accountId)
                .orElseGet(() -> new LoadedAccount(AccountState.initial(accountId), LoadedStream.empty(accountId)));
    }

    private static EventMetadata causedBy(EventMetadata m, UUID causeEventId) {
        return new EventMetadata(
                m.userId(),
                m.roles(),
                m.correlationId(),
                causeEventId.toString(),
                m.commandId(),
                m.ip(),
                m.userAgent());
    }

    /** A command on a transfer: what its key keeps is the transfer's version after it. */
    private abstract static class OnTransfer extends OnStreams<Outcome> {

        private final UUID transferId;

        OnTransfer(UUID transferId, Set<UUID> streams, CommandRequest request) {
            super(streams, request);
            this.transferId = transferId;
        }

        @Override
        public RecordedOutcome record(Outcome outcome) {
            return new RecordedOutcome(transferId, outcome.transfer().state().version());
        }

        @Override
        public Outcome recall(Session session, RecordedOutcome recorded) throws SQLException {
            LoadedTransfer transfer = LoadedTransfer.at(session, recorded.streamId(), recorded.version());
            return new Outcome(new TransferRecord(transfer.state(), transfer.steps(List.of())), List.of(), List.of());
        }
    }
}
