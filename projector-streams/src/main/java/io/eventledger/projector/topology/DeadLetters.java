package io.eventledger.projector.topology;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The headers of a parked record: why it was parked and where it came from, so an operator can find
 * the original and replay it once the cause is fixed. The value and key stay byte-for-byte the original.
 */
public final class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    /** Why a record was parked, as a small fixed set: a metric tag, where the free-text reason would not do. */
    public enum Kind {
        /** Not an event envelope, an unknown type or data that does not fit the type. */
        UNDECODABLE,
        /** A version more than one above the last applied: an earlier event is missing. */
        GAP,
        /** Decodes, but cannot be applied: e.g. a first event other than AccountOpened, a foreign currency. */
        REJECTED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private DeadLetters() {}

    /** The original headers plus the dead-letter ones; {@code origin} is null where Kafka did not say. */
    static Headers headers(Headers original, String reason, RecordMetadata origin) {
        Headers headers = new RecordHeaders(original.toArray());
        add(headers, REASON, reason);
        if (origin != null) {
            add(headers, ORIGINAL_TOPIC, origin.topic());
            add(headers, ORIGINAL_PARTITION, Integer.toString(origin.partition()));
            add(headers, ORIGINAL_OFFSET, Long.toString(origin.offset()));
        }
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
