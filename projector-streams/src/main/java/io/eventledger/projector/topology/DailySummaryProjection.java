package io.eventledger.projector.topology;

import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.projector.topology.DailySummary.Movement;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The daily-summary fold: a pure function of the day's summary so far, the balance the event left and
 * the event. It runs only after the balance fold accepted the event, so it never sees a duplicate, a
 * gap or an amount the balance refused; the day comes from {@code occurredAt}, never from arrival time,
 * so a late event still lands on the day it happened.
 */
public final class DailySummaryProjection {

    private final ZoneId zone;

    public DailySummaryProjection(ZoneId zone) {
        this.zone = zone;
    }

    public LocalDate dayOf(EventEnvelope envelope) {
        return LocalDate.ofInstant(envelope.occurredAt(), zone);
    }

    /** {@code current} is null for the account's first event on that day. */
    public DailySummary apply(DailySummary current, Balance after, EventEnvelope envelope, AccountEvent event) {
        DailySummary day = current != null ? current
                : DailySummary.empty(after.accountId(), dayOf(envelope), after.currency(), after.balance().scale());
        DailySummary moved = switch (event) {
            case MoneyDeposited e -> day.plus(Movement.DEPOSIT, e.amount());
            case MoneyWithdrawn e -> day.plus(Movement.WITHDRAWAL, e.amount());
            case FeeCharged e -> day.plus(Movement.FEE, e.amount());
            case RefundIssued e -> day.plus(Movement.REFUND, e.amount());
            case TransferCredited e -> day.plus(Movement.TRANSFER_IN, e.amount());
            case TransferDebited e -> day.plus(Movement.TRANSFER_OUT, e.amount());
            case AccountOpened e -> day;
            case AccountClosed e -> day;
        };
        return moved.counted(after.balance(), envelope.version());
    }
}
