package io.eventledger.projector.topology;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The balances read model of one account ({@code balances-store}, published to {@code ledger.balances} and
 * mirrored to {@code ledger_read.account_balances} and Redis). {@code hash} is the head of the account's hash
 * chain, so a reader can tell which event the balance reflects; {@code updatedAt} is that event's time.
 */
public record Balance(
        UUID accountId,
        String ownerId,
        String currency,
        BigDecimal balance,
        Status status,
        int version,
        UUID lastEventId,
        String hash,
        Instant updatedAt) {

    /** Whether the account still accepts money. */
    public enum Status {
        OPEN,
        CLOSED
    }

    Balance next(BigDecimal newBalance, Status newStatus, int newVersion, UUID eventId, String newHash, Instant at) {
        return new Balance(accountId, ownerId, currency, newBalance, newStatus, newVersion, eventId, newHash, at);
    }
}
