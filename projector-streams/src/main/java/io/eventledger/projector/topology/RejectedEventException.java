package io.eventledger.projector.topology;

/** An event that decodes but cannot be folded into the read model; it is parked with this reason. */
public final class RejectedEventException extends RuntimeException {

    private final DeadLetters.Kind kind;

    public RejectedEventException(String reason) {
        this(DeadLetters.Kind.REJECTED, reason);
    }

    RejectedEventException(DeadLetters.Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public DeadLetters.Kind kind() {
        return kind;
    }
}
