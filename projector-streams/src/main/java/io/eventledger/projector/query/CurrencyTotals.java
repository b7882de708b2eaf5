package io.eventledger.projector.query;

import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.Flow;
import java.math.BigDecimal;

/**
 * Totals over the accounts of one currency: how many, what they hold, and what moved (summed over every
 * day). Amounts of different currencies are never added, so each currency has its own.
 */
public record CurrencyTotals(
        int accounts,
        BigDecimal balance,
        Flow deposits,
        Flow withdrawals,
        Flow fees,
        Flow refunds,
        Flow transfersIn,
        Flow transfersOut) {

    private static final Flow NONE = new Flow(0, BigDecimal.ZERO);

    static CurrencyTotals of(Balance balance) {
        return new CurrencyTotals(1, balance.balance(), NONE, NONE, NONE, NONE, NONE, NONE);
    }

    static CurrencyTotals of(DailySummary day) {
        return new CurrencyTotals(
                0,
                BigDecimal.ZERO,
                day.deposits(),
                day.withdrawals(),
                day.fees(),
                day.refunds(),
                day.transfersIn(),
                day.transfersOut());
    }

    CurrencyTotals plus(CurrencyTotals o) {
        return new CurrencyTotals(
                accounts + o.accounts,
                balance.add(o.balance),
                deposits.plus(o.deposits),
                withdrawals.plus(o.withdrawals),
                fees.plus(o.fees),
                refunds.plus(o.refunds),
                transfersIn.plus(o.transfersIn),
                transfersOut.plus(o.transfersOut));
    }
}
