package io.eventledger.projector.topology;

import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.BalanceEffect;
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
        DailySummary day = current != null
                ? current
                : DailySummary.empty(
                        after.accountId(),
                        dayOf(envelope),
                        after.currency(),
                        after.balance().scale());
        // opening and closing move no money: they only count as events of the day
        DailySummary moved = BalanceEffect.of(event)
                .map(effect -> day.plus(effect.kind(), effect.amount()))
                .orElse(day);
        return moved.counted(after.balance(), envelope.version());
    }
}
