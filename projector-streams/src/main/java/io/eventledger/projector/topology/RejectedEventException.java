package io.eventledger.projector.topology;

/** An event that decodes but cannot be folded into the read model; it is parked with this reason. */
public final class RejectedEventException extends RuntimeException {

    public RejectedEventException(String reason) {
        super(reason, null, false, false);
    }
}
