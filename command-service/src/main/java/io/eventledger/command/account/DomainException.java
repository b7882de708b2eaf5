package io.eventledger.command.account;

/**
 * A business rule said no. The slug is machine-readable (it becomes the problem type
 * {@code https://eventledger.io/problems/<slug>}); the message is safe to show a client.
 */
public final class DomainException extends RuntimeException {

    private final String slug;

    public DomainException(String slug, String message) {
        // no stack trace: a rejected command is an expected outcome, not a fault to debug
        super(message, null, false, false);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
