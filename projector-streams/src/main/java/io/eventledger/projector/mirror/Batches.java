package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.ReadModelSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a mirror does with one polled batch besides writing it: read its values, or go back to its start. */
final class Batches {

    private static final Logger LOG = LoggerFactory.getLogger(Batches.class);

    private Batches() {
    }

    /**
     * The batch's values, only the newest version of each key; a tombstone or an unreadable value is left
     * out. The sinks keep the newest version anyway (a tie goes to the later record, as a replay rewrites a
     * version), so the older ones are writes a store would throw away; during a replay a busy account's
     * balance appears hundreds of times in one batch. One value per key is also what a multi-row upsert needs.
     */
    static <T> List<T> decode(ConsumerRecords<String, byte[]> records, ReadModelSerde<T> serde) {
        Map<String, T> newest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.value() != null) {
                    T value = serde.read(record.value());
                    newest.merge(record.key(), value, (kept, next) -> serde.version(next) >= serde.version(kept) ? next : kept);
                }
            } catch (SerializationException e) {
                // only the projector writes this topic; an unreadable value cannot become readable on retry
                LOG.error("skipping unreadable value at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return new ArrayList<>(newest.values());
    }

    /** Seeks every partition of the batch back to its first record, so the next poll returns the batch again. */
    static void rewind(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        for (var partition : records.partitions()) {
            // after a rebalance the partition may belong to someone else, who starts from the committed offset
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }
}
