package io.eventledger.command.idempotency;

/** An {@code Idempotency-Key} came back with another request than the one it was first used for (HTTP 422). */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for another request", null, false, false);
    }
}
