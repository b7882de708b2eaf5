package io.eventledger.contract.envelope;

/** A record or row that cannot be turned into an event; its message is the dead-letter reason. */
public final class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }
}
