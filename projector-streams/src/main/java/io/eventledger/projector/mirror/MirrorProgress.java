package io.eventledger.projector.mirror;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * How far a mirror has got. {@code positions}: per partition, the offset up to which everything has been
 * written to the sink (it moves past transaction markers too, so it reaches the topic's last stable
 * offset); {@code lag}: records not yet written, -1 while unknown (before the first fetch).
 */
public record MirrorProgress(long lag, Map<TopicPartition, Long> positions) {

    static final MirrorProgress UNKNOWN = new MirrorProgress(-1, Map.of());

    /** Read on the consumer's own thread, after a batch was written or rewound. */
    static MirrorProgress of(Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        long lag = consumer.assignment().isEmpty() ? -1 : 0;
        for (var partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            lag = lag < 0 || partitionLag.isEmpty() ? -1 : lag + partitionLag.getAsLong();
            try {
                positions.put(partition, consumer.position(partition, Duration.ZERO));
            } catch (TimeoutException e) {
                // not known yet (the committed offset is still being fetched): leave it out for now
            }
        }
        return new MirrorProgress(lag, Map.copyOf(positions));
    }
}
