package io.eventledger.loadtest.bench;

import io.eventledger.contract.envelope.EventHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches the event topics for the commands' correlation ids (the relay copies each event's correlation
 * id into the {@code correlation-id} header) and records command → Kafka latency: the first record of a
 * command seen on a topic, minus the command's (intended) start. It reads from the end offsets as they
 * were before the load, with no consumer group, so it neither commits nor disturbs anyone.
 */
final class KafkaWatcher implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConcurrentHistogram latency;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    KafkaWatcher(String bootstrap, List<String> topics, ConcurrentHistogram latency) {
        this.latency = latency;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "ledger-bench-watcher",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the offsets now, so nothing sent after this returns can be missed
        partitions.forEach(consumer::position);
        poller = Thread.ofPlatform().name("bench-kafka-watcher").daemon().start(this::pollLoop);
    }

    /** Before the command is sent, so an event that beats the HTTP answer is still matched. */
    void expect(String correlationId, long startNanos) {
        pending.put(correlationId, startNanos);
    }

    /** A command that wrote nothing (refused, failed) will never be seen. */
    void forget(String correlationId) {
        pending.remove(correlationId);
    }

    /** Waits until every expected command was seen or the grace is over; returns how many never were. */
    int awaitSeen(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline && poller.isAlive()) {
            Thread.sleep(POLL.toMillis());
        }
        return pending.size();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long seen = System.nanoTime();
                    String id = EventHeaders.text(record.headers(), EventHeaders.CORRELATION_ID);
                    Long start = id == null ? null : pending.remove(id);
                    if (start != null) {
                        BenchStats.record(latency, seen - start);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        try {
            consumer.wakeup();
        } catch (IllegalStateException alreadyClosed) {
            // the poller ended on its own and closed the consumer
        }
        poller.join();
    }
}
