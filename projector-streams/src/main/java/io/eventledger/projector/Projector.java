package io.eventledger.projector;

import io.eventledger.projector.mirror.Mirror;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running projector instance, as {@link ProjectorMain#start} returns it. */
public final class Projector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final int port;
    private final KafkaStreams streams;
    private final List<Mirror<?>> mirrors;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code resources} are closed in the given order: the reverse of how they were opened. */
    Projector(int port, KafkaStreams streams, List<Mirror<?>> mirrors, List<AutoCloseable> resources) {
        this.port = port;
        this.streams = streams;
        this.mirrors = List.copyOf(mirrors);
        this.resources = List.copyOf(resources);
    }

    /** The HTTP port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return port;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The running mirrors; empty when they are disabled. */
    public List<Mirror<?>> mirrors() {
        return mirrors;
    }

    /** Closing twice is harmless: the shutdown hook and a caller may both do it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(resources);
            LOG.info("projector on port {} closed", port);
        }
    }

    /** Closes each resource in order, even when one fails. */
    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // keep closing the rest: a stuck consumer must not leave the pool or the state lock behind
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
