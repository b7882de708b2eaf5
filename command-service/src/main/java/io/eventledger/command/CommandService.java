package io.eventledger.command;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running command-service: its HTTP port, and {@code close()} to stop it. */
public final class CommandService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private final int port;
    private final List<AutoCloseable> parts;

    /** {@code parts} in the order they were started; they are closed in reverse. */
    CommandService(int port, List<AutoCloseable> parts) {
        this.port = port;
        this.parts = new ArrayList<>(parts);
    }

    public int port() {
        return port;
    }

    /** Stops HTTP first (no new commands), then the relay, its producer and last the pool they used. */
    @Override
    public synchronized void close() {
        for (AutoCloseable part : parts.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("while stopping command-service: {}", e.getMessage());
            }
        }
        parts.clear();
    }
}
