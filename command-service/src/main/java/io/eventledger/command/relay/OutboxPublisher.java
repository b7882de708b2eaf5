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
import java.util.function.Supplier;
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
 *
 * <p>The producer is idempotent: it numbers its records per partition, and a partition deleted and created
 * again (or a new cluster) answers every further record with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until the
 * delivery timeout expires it. So after the topics were replaced, {@link #renewProducer} starts over with a
 * new producer (a new producer id, sequences from zero).
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private final Supplier<? extends Producer<String, byte[]>> producers;
    private final Topics topics;
    private volatile Producer<String, byte[]> producer;

    /** {@code producers} makes the producer now and again after each {@link #renewProducer}. */
    public OutboxPublisher(Supplier<? extends Producer<String, byte[]>> producers, Topics topics) {
        this.producers = producers;
        this.topics = topics;
        this.producer = producers.get();
    }

    /**
     * Replaces the producer. Batches still in flight on the old one fail, so their rows stay in the outbox and
     * are sent again (at-least-once).
     */
    public synchronized void renewProducer() {
        Producer<String, byte[]> old = producer;
        producer = producers.get();
        old.close(Duration.ofSeconds(1));
    }

    @Override
    public synchronized void close() {
        producer.close(CLOSE_TIMEOUT);
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
        Producer<String, byte[]> current = producer;
        SentBatch batch = send(current, rows, onAck);
        current.flush();
        return batch.acked(ackTimeout);
    }

    /**
     * Hands the rows to the producer and returns without waiting, so the relay can read its next batch
     * meanwhile; the producer's linger sends them. {@link SentBatch#acked} tells whether they arrived.
     */
    SentBatch send(List<OutboxRows.Row> rows, Consumer<OutboxRows.Row> onAck) {
        return send(producer, rows, onAck);
    }

    /** Every row of one batch through one producer, even while {@link #renewProducer} replaces it. */
    private SentBatch send(
            Producer<String, byte[]> producer, List<OutboxRows.Row> rows, Consumer<OutboxRows.Row> onAck) {
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
