package io.eventledger.projector.mirror;

import io.eventledger.contract.envelope.EventHeaders;
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

    private Batches() {}

    /**
     * The batch's values, only the newest version of each key; a tombstone or an unreadable value is left
     * out. The sinks keep the newest version anyway (a tie goes to the later record, as a replay rewrites a
     * version), so the older ones are writes a store would throw away; during a replay a busy account's
     * balance appears hundreds of times in one batch. One value per key is also what a multi-row upsert needs.
     * The version comes from the record's {@code aggregate-version} header where it has one, so only each
     * key's newest record is decoded (decoding was over half of a mirror's CPU in a replay); a record
     * written before the header existed is decoded to learn its version.
     */
    static <T> List<T> decode(ConsumerRecords<String, byte[]> records, ReadModelSerde<T> serde) {
        Map<String, Candidate<T>> newest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null) {
                Candidate<T> candidate = candidate(record, serde);
                if (candidate != null) {
                    newest.merge(
                            record.key(), candidate, (kept, next) -> next.version() >= kept.version() ? next : kept);
                }
            }
        }
        List<T> values = new ArrayList<>(newest.size());
        for (Candidate<T> candidate : newest.values()) {
            T value = candidate.value() != null ? candidate.value() : read(candidate.record(), serde);
            if (value == null) {
                // the newest copy of a key is unreadable: decide this batch the old way, every record decoded,
                // so an older readable copy still wins as it did before versions came from headers
                return decodeAll(records, serde);
            }
            values.add(value);
        }
        return values;
    }

    /** A record and its version; the value is decoded already where the version had to come from it. */
    private record Candidate<T>(ConsumerRecord<String, byte[]> record, int version, T value) {}

    private static <T> Candidate<T> candidate(ConsumerRecord<String, byte[]> record, ReadModelSerde<T> serde) {
        Integer version = headerVersion(record);
        if (version != null) {
            return new Candidate<>(record, version, null);
        }
        T value = read(record, serde);
        return value == null ? null : new Candidate<>(record, serde.version(value), value);
    }

    private static Integer headerVersion(ConsumerRecord<String, byte[]> record) {
        String text = EventHeaders.text(record.headers(), EventHeaders.AGGREGATE_VERSION);
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <T> List<T> decodeAll(ConsumerRecords<String, byte[]> records, ReadModelSerde<T> serde) {
        Map<String, T> newest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            T value = record.value() == null ? null : read(record, serde);
            if (value != null) {
                newest.merge(
                        record.key(), value, (kept, next) -> serde.version(next) >= serde.version(kept) ? next : kept);
            }
        }
        return new ArrayList<>(newest.values());
    }

    /** The value, or null (logged) where it cannot be read. */
    private static <T> T read(ConsumerRecord<String, byte[]> record, ReadModelSerde<T> serde) {
        try {
            return serde.read(record.value());
        } catch (SerializationException e) {
            // only the projector writes this topic; an unreadable value cannot become readable on retry
            LOG.error(
                    "skipping unreadable value at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return null;
        }
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
