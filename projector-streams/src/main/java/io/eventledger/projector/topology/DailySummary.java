package io.eventledger.projector.topology;

import io.eventledger.contract.event.BalanceEffect;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The daily-summaries read model ({@code daily-summaries-store}, published to {@code ledger.daily-summaries}
 * and mirrored to {@code ledger_read.daily_summaries} and Redis): what happened to one account on one day of
 * {@code LEDGER_SUMMARY_ZONE}, by the events' {@code occurredAt}. {@code closingBalance} is the balance
 * after the last event applied to this day; {@code version} is that event's account version, so the
 * mirrors can keep the newest copy.
 */
public record DailySummary(
        UUID accountId,
        LocalDate day,
        String currency,
        Flow deposits,
        Flow withdrawals,
        Flow fees,
        Flow refunds,
        Flow transfersIn,
        Flow transfersOut,
        BigDecimal closingBalance,
        int eventCount,
        int version) {

    /** The store and topic key: {@code accountId:yyyy-MM-dd}, which sorts by day within an account. */
    public static String key(String accountId, LocalDate day) {
        return accountId + ":" + day;
    }

    public String key() {
        return key(accountId.toString(), day);
    }

    static DailySummary empty(UUID accountId, LocalDate day, String currency, int scale) {
        Flow zero = Flow.zero(scale);
        return new DailySummary(
                accountId, day, currency, zero, zero, zero, zero, zero, zero, BigDecimal.ZERO.setScale(scale), 0, 0);
    }

    /** Adds {@code amount} to the day's flow of its kind (every flow is a positive total). */
    DailySummary plus(BalanceEffect.Kind kind, BigDecimal amount) {
        return switch (kind) {
            case DEPOSIT -> flows(deposits.plus(amount), withdrawals, fees, refunds, transfersIn, transfersOut);
            case WITHDRAWAL -> flows(deposits, withdrawals.plus(amount), fees, refunds, transfersIn, transfersOut);
            case FEE -> flows(deposits, withdrawals, fees.plus(amount), refunds, transfersIn, transfersOut);
            case REFUND -> flows(deposits, withdrawals, fees, refunds.plus(amount), transfersIn, transfersOut);
            case TRANSFER_IN -> flows(deposits, withdrawals, fees, refunds, transfersIn.plus(amount), transfersOut);
            case TRANSFER_OUT -> flows(deposits, withdrawals, fees, refunds, transfersIn, transfersOut.plus(amount));
        };
    }

    /** Counts one more event, leaving the day at {@code balance} and {@code newVersion}. */
    DailySummary counted(BigDecimal balance, int newVersion) {
        return new DailySummary(
                accountId,
                day,
                currency,
                deposits,
                withdrawals,
                fees,
                refunds,
                transfersIn,
                transfersOut,
                balance,
                eventCount + 1,
                newVersion);
    }

    private DailySummary flows(Flow d, Flow w, Flow f, Flow r, Flow in, Flow out) {
        return new DailySummary(accountId, day, currency, d, w, f, r, in, out, closingBalance, eventCount, version);
    }
}
