package io.eventledger.command.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Why a balance is what it is: the balance before the window, one line per money event in it with the
 * running balance after it, and the balance at its end. Amounts and balances are strings at the
 * currency's scale; a line's amount is signed ("+500.00", "-200.00"). {@code from} and {@code to} are
 * null when the window is open at that end.
 */
public record Statement(
        UUID accountId,
        String currency,
        Instant from,
        Instant to,
        String openingBalance,
        String closingBalance,
        List<Line> lines) {

    public Statement {
        lines = List.copyOf(lines);
    }

    /**
     * One money event. {@code reference} (deposits, withdrawals) or {@code reason} (fees, refunds) or the
     * transfer and its counterparty say what it was for; {@code actor} is the user whose token wrote it.
     */
    public record Line(
            Instant occurredAt,
            int version,
            String type,
            String amount,
            String balance,
            String reference,
            String reason,
            UUID transferId,
            UUID counterpartyAccountId,
            String actor,
            String correlationId,
            UUID eventId) {}
}
