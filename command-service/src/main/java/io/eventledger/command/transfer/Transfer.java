package io.eventledger.command.transfer;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountCommand.CreditTransfer;
import io.eventledger.command.account.AccountCommand.DebitTransfer;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.transfer.TransferCommand.ApproveTransfer;
import io.eventledger.command.transfer.TransferCommand.InitiateTransfer;
import io.eventledger.command.transfer.TransferCommand.RejectTransfer;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.TransferEvent;
import io.eventledger.contract.event.TransferEvent.TransferApproved;
import io.eventledger.contract.event.TransferEvent.TransferExecuted;
import io.eventledger.contract.event.TransferEvent.TransferFailed;
import io.eventledger.contract.event.TransferEvent.TransferInitiated;
import io.eventledger.contract.event.TransferEvent.TransferRejected;
import io.eventledger.contract.money.Money;
import java.util.List;

/**
 * The transfer aggregate. Below the approval threshold a transfer executes in the command that
 * initiates it; at or above it, a second person approves (which executes it) or rejects it. Executing asks
 * each account's own rules for its leg: if one says no (say, insufficient funds) the transfer fails instead.
 */
public final class Transfer {

    private Transfer() {}

    public static TransferDecision decide(TransferState state, TransferCommand command) {
        return switch (command) {
            case InitiateTransfer c -> initiate(state, c);
            case ApproveTransfer c -> approve(state, c);
            case RejectTransfer c -> TransferDecision.transferOnly(List.of(reject(state, c)));
        };
    }

    public static TransferState evolve(TransferState state, TransferEvent event) {
        return switch (event) {
            case TransferInitiated e ->
                state.initiated(
                        e.fromAccountId(), e.toAccountId(), Money.of(e.amount(), e.currency()), e.initiatedBy());
            case TransferApproved e -> state.approved(e.approvedBy());
            case TransferRejected e -> state.rejected(e.rejectedBy(), e.reason());
            case TransferExecuted e -> state.executed(e.executedBy());
            case TransferFailed e -> state.failed(e.reason());
        };
    }

    private static TransferDecision initiate(TransferState state, InitiateTransfer c) {
        if (state.status() != TransferState.Status.NEW) {
            throw new DomainException("already-initiated", "transfer " + state.id() + " exists already");
        }
        checkPossible(c.source(), c.target(), c.amount());
        TransferInitiated initiated = new TransferInitiated(
                c.source().id(),
                c.target().id(),
                c.amount().amount(),
                c.amount().currency().getCurrencyCode(),
                c.initiatedBy());
        if (c.amount().amount().compareTo(c.approvalThreshold()) >= 0) {
            return TransferDecision.transferOnly(List.of(initiated));
        }
        return execute(evolve(state, initiated), c.source(), c.target(), c.initiatedBy(), initiated);
    }

    private static TransferDecision approve(TransferState state, ApproveTransfer c) {
        requireAwaitingSecondPerson(state, c.approvedBy());
        if (!c.source().id().equals(state.fromAccountId()) || !c.target().id().equals(state.toAccountId())) {
            throw new IllegalArgumentException("the accounts given are not those of transfer " + state.id());
        }
        TransferApproved approved = new TransferApproved(c.approvedBy());
        return execute(evolve(state, approved), c.source(), c.target(), c.approvedBy(), approved);
    }

    private static TransferRejected reject(TransferState state, RejectTransfer c) {
        requireAwaitingSecondPerson(state, c.rejectedBy());
        if (c.reason() == null || c.reason().isBlank()) {
            throw new DomainException("reason-required", "a rejection needs a reason", "reason");
        }
        return new TransferRejected(c.rejectedBy(), c.reason());
    }

    /** Rules that make a transfer impossible, not merely unfunded: nothing at all is written for these. */
    private static void checkPossible(AccountState source, AccountState target, Money amount) {
        requireOpen(source, "fromAccountId");
        requireOpen(target, "toAccountId");
        if (source.id().equals(target.id())) {
            throw new DomainException("same-account", "a transfer needs two different accounts", "toAccountId");
        }
        for (AccountState account : List.of(source, target)) {
            if (!account.currency().equals(amount.currency())) {
                throw new DomainException(
                        "currency-mismatch",
                        "account " + account.id() + " holds " + account.currency() + ", not " + amount.currency(),
                        "currency");
            }
        }
        if (amount.amount().signum() <= 0) {
            throw new DomainException("invalid-amount", "the amount must be greater than zero", "amount");
        }
    }

    private static void requireOpen(AccountState account, String field) {
        switch (account.status()) {
            case NEW -> throw new DomainException("unknown-account", "no account " + account.id(), field);
            case CLOSED -> throw new DomainException("account-closed", "account " + account.id() + " is closed", field);
            case OPEN -> {}
        }
    }

    /** Four eyes: whoever initiated a transfer may neither approve nor reject it. */
    private static void requireAwaitingSecondPerson(TransferState state, String user) {
        if (state.status() != TransferState.Status.AWAITING_APPROVAL) {
            throw new DomainException(
                    "transfer-not-awaiting-approval",
                    "transfer " + state.id() + " is " + state.status() + ", not awaiting approval");
        }
        if (user.equals(state.initiatedBy())) {
            throw new DomainException(
                    "four-eyes",
                    user + " initiated transfer " + state.id() + "; another person must approve or reject it");
        }
    }

    /** Moves the money, or records why it cannot move now (an account closed meanwhile, funds too low). */
    private static TransferDecision execute(
            TransferState state, AccountState source, AccountState target, String by, TransferEvent cause) {
        try {
            List<AccountEvent> debit =
                    Account.decide(source, new DebitTransfer(state.id(), state.amount(), target.id()));
            List<AccountEvent> credit =
                    Account.decide(target, new CreditTransfer(state.id(), state.amount(), source.id()));
            return new TransferDecision(List.of(cause, new TransferExecuted(by)), debit, credit);
        } catch (DomainException e) {
            return TransferDecision.transferOnly(List.of(cause, new TransferFailed(e.slug() + ": " + e.getMessage())));
        }
    }
}
