package io.eventledger.loadtest.verify;

import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.contract.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads both event topics from the beginning to their current end, without a consumer group, and collects the
 * {@code event-id} header of every record: what a downstream team reading from scratch would see.
 */
final class TopicCheck {

    private final String bootstrap;
    private final Topics topics;

    TopicCheck(String bootstrap, Topics topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    /** The event ids on the topics and how many records carried them (more than ids: a resend). */
    record Seen(Set<UUID> eventIds, long records) {}

    Seen read(Duration timeout) throws TimeoutException {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.accountEvents(), topics.transferEvents())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return drain(consumer, end, System.nanoTime() + timeout.toNanos());
        }
    }

    private static Seen drain(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, long deadline)
            throws TimeoutException {
        Set<UUID> ids = new HashSet<>();
        long records = 0;
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the topics were not read to their end in time");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                String id = EventHeaders.text(record.headers(), EventHeaders.EVENT_ID);
                if (id != null) {
                    ids.add(UUID.fromString(id));
                }
                records++;
            }
        }
        return new Seen(ids, records);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
