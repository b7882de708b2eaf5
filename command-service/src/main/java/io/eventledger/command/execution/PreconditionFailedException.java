package io.eventledger.command.execution;

/** The client's {@code If-Match} version is not the stream's version; nothing was written (HTTP 412). */
public final class PreconditionFailedException extends RuntimeException {

    private final int currentVersion;

    public PreconditionFailedException(int expectedVersion, int currentVersion) {
        super("the account is at version " + currentVersion + ", not " + expectedVersion, null, false, false);
        this.currentVersion = currentVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
