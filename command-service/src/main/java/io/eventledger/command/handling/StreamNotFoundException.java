package io.eventledger.command.handling;

/** No stream of the asked-for type has that id; the HTTP layer answers 404. */
public final class StreamNotFoundException extends RuntimeException {

    public StreamNotFoundException(String message) {
        super(message, null, false, false);
    }
}
