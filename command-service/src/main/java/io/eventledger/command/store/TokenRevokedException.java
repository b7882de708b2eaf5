package io.eventledger.command.store;

/**
 * The command's transaction found its caller's token revoked (or gone): the command is refused like a request
 * without a valid token, and nothing of it is written.
 */
public final class TokenRevokedException extends RuntimeException {

    public TokenRevokedException() {
        super("the token was revoked", null, false, false);
    }
}
