package io.eventledger.command.account;

/**
 * A business rule said no. The slug is machine-readable (it becomes the problem type
 * {@code https://eventledger.io/problems/<slug>}); the message is safe to show a client.
 */
public final class DomainException extends RuntimeException {

    private final String slug;
    private final String field;

    public DomainException(String slug, String message) {
        this(slug, message, null);
    }

    /** {@code field} names the client input the rule judged, e.g. {@code toAccountId}; null if none. */
    public DomainException(String slug, String message, String field) {
        // no stack trace: a rejected command is an expected outcome, not a fault to debug
        super(message, null, false, false);
        this.slug = slug;
        this.field = field;
    }

    public String slug() {
        return slug;
    }

    public String field() {
        return field;
    }
}
