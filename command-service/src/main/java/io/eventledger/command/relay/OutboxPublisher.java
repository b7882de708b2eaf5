package io.eventledger.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.outbox.OutboxMessage;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends rows to their aggregate's topic, keyed by aggregate id. The relay and republish both send
 * through here, so a record is built one way only.
 */
public final class OutboxPublisher {

    private final Producer<String, byte[]> producer;
    private final Topics topics;

    public OutboxPublisher(Producer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /**
     * Idempotent, acks from all replicas, at most 5 in flight: retries keep per-partition order. A relay
     * batch of 2000 envelopes (~0.8 KB each) over 6 partitions is ~270 KB a partition, two or three 128 KB
     * batches; lz4 shrinks the repetitive JSON at little CPU cost.
     */
    public static Map<String, Object> producerConfig(String bootstrap, String clientId) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG,
                128 * 1024,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
    }

    /**
     * Sends the rows and waits for every ack; returns whether the broker acknowledged all of them, and on
     * false the caller must keep all of them. {@code onAck} runs on the producer's I/O thread as each row is
     * acknowledged.
     */
    boolean publish(List<OutboxRows.Row> rows, Duration ackTimeout, Consumer<OutboxRows.Row> onAck) {
        SentBatch batch = send(rows, onAck);
        producer.flush();
        return batch.acked(ackTimeout);
    }

    /**
     * Hands the rows to the producer and returns without waiting, so the relay can read its next batch
     * meanwhile; the producer's linger sends them. {@link SentBatch#acked} tells whether they arrived.
     */
    SentBatch send(List<OutboxRows.Row> rows, Consumer<OutboxRows.Row> onAck) {
        long sentAt = System.nanoTime();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        try {
            for (OutboxRows.Row row : rows) {
                acks.add(producer.send(record(row), (metadata, error) -> {
                    if (error == null) {
                        onAck.accept(row);
                    }
                }));
            }
            return new SentBatch(rows, acks, sentAt, null);
        } catch (KafkaException | IllegalArgumentException e) {
            return new SentBatch(rows, acks, sentAt, e);
        }
    }

    private ProducerRecord<String, byte[]> record(OutboxRows.Row row) {
        OutboxMessage m = row.message();
        RecordHeaders headers = new RecordHeaders();
        headersOf(row)
                .properties()
                .forEach(h -> headers.add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(
                topics.eventsOf(m.aggregateType()),
                null,
                m.aggregateId(),
                m.payload().getBytes(StandardCharsets.UTF_8),
                headers);
    }

    private static JsonNode headersOf(OutboxRows.Row row) {
        try {
            return Json.mapper().readTree(row.message().headers());
        } catch (JsonProcessingException e) {
            // never skipped: the relay keeps retrying and logging until someone repairs the row
            throw new IllegalArgumentException("row " + row.id() + " has malformed headers", e);
        }
    }
}
