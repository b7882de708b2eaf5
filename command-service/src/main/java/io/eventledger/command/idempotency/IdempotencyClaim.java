package io.eventledger.command.idempotency;

import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} for one request. Keys are per user; {@code requestHash} (hex SHA-256 of
 * method, path and body) tells a repeat of the same request from another request under the same key.
 */
public record IdempotencyClaim(String userId, String key, String requestHash) {

    public IdempotencyClaim {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
    }
}
