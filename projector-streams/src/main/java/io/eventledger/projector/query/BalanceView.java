package io.eventledger.projector.query;

import io.eventledger.projector.topology.Balance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer of {@code GET /balances/{id}}; {@code servedBy} is the instance whose store was read;
 * {@code stale} is true when that was not the active copy (a standby, while the active could not answer)
 * and absent otherwise.
 */
public record BalanceView(
        UUID accountId,
        String ownerId,
        String currency,
        BigDecimal balance,
        Balance.Status status,
        int version,
        String hash,
        Instant updatedAt,
        String servedBy,
        Boolean stale) {

    static BalanceView of(Balance b, String servedBy, boolean stale) {
        return new BalanceView(
                b.accountId(),
                b.ownerId(),
                b.currency(),
                b.balance(),
                b.status(),
                b.version(),
                b.hash(),
                b.updatedAt(),
                servedBy,
                staleMark(stale));
    }

    /** True for a stale answer; null, left out of the JSON, for a fresh one. */
    static Boolean staleMark(boolean stale) {
        return stale ? Boolean.TRUE : null;
    }
}
