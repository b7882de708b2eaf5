package io.eventledger.command.relay;

import io.eventledger.command.outbox.OutboxMessage;
import io.eventledger.contract.envelope.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Sends stored events to Kafka again, for a downstream team that lost data: same topic, key, envelope and
 * headers as the relay (both build an {@link OutboxMessage} from the envelope and send it through the
 * {@link OutboxPublisher}). It lives beside the relay rather than in {@code store}, which stays free of
 * Kafka. Consumers skip versions they already applied, so sending an event twice is harmless.
 */
public final class Republisher {

    static final int BATCH_SIZE = 500;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HORIZON_WAIT = Duration.ofSeconds(30);
    private final DataSource db;
    private final OutboxPublisher publisher;

    /** Positions {@code fromPosition..toPosition}, inclusive; {@code streamId} null means every stream. */
    public record Range(long fromPosition, long toPosition, UUID streamId) {

        /** Every stored event. */
        public static final Range ALL = new Range(0, Long.MAX_VALUE, null);

        public Range {
            if (fromPosition < 0) {
                throw new IllegalArgumentException("--from-position must be 0 or more, got " + fromPosition);
            }
            if (fromPosition > toPosition) {
                throw new IllegalArgumentException(
                        "--from-position " + fromPosition + " is after --to-position " + toPosition);
            }
        }
    }

    public Republisher(DataSource db, OutboxPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    /**
     * Sends every event of the range committed before the call, in batches, and returns how many the broker
     * acknowledged; stops with an exception when a batch is not acknowledged.
     */
    public long republish(Range range) throws SQLException, InterruptedException {
        return republish(range, sent -> {});
    }

    /** As {@link #republish(Range)}, telling {@code progress} the number sent so far after each batch. */
    public long republish(Range range, LongConsumer progress) throws SQLException, InterruptedException {
        try (Connection c = db.getConnection()) {
            String horizon = StoredEvents.horizon(c, HORIZON_WAIT);
            long sent = 0;
            long after = 0;
            for (List<EventEnvelope> page = StoredEvents.page(c, range, horizon, after, BATCH_SIZE);
                    !page.isEmpty();
                    page = StoredEvents.page(c, range, horizon, after, BATCH_SIZE)) {
                if (!publisher.publish(page.stream().map(Republisher::row).toList(), ACK_TIMEOUT, row -> {})) {
                    throw new IllegalStateException("the broker did not acknowledge a batch after " + sent
                            + " events; run it again (consumers skip what they already have)");
                }
                sent += page.size();
                after = page.getLast().position();
                progress.accept(sent);
            }
            return sent;
        }
    }

    private static OutboxRows.Row row(EventEnvelope event) {
        return new OutboxRows.Row(event.position(), event.recordedAt(), OutboxMessage.of(event));
    }
}
