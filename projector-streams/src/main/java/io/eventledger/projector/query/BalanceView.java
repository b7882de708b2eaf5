package io.eventledger.projector.query;

import io.eventledger.projector.topology.Balance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The answer of {@code GET /balances/{id}}; {@code servedBy} is the instance whose store was read. */
public record BalanceView(
        UUID accountId,
        String ownerId,
        String currency,
        BigDecimal balance,
        Balance.Status status,
        int version,
        String hash,
        Instant updatedAt,
        String servedBy) {

    static BalanceView of(Balance b, String servedBy) {
        return new BalanceView(
                b.accountId(),
                b.ownerId(),
                b.currency(),
                b.balance(),
                b.status(),
                b.version(),
                b.hash(),
                b.updatedAt(),
                servedBy);
    }
}
