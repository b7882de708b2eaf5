package io.eventledger.projector.mirror;

import io.eventledger.common.topic.Topics;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.BalanceSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code balances} into every sink. Offsets are committed only after all sinks took the batch;
 * on any failure the consumer seeks back and the same batch is retried with capped backoff, so a
 * Postgres or Redis outage delays the mirror but never loses a balance or stops the thread.
 */
public final class BalanceMirror implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BalanceMirror.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final List<BalanceSink> sinks;
    private final Backoff backoff;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public BalanceMirror(Consumer<String, byte[]> consumer, String topic, List<BalanceSink> sinks, Backoff backoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.sinks = List.copyOf(sinks);
        this.backoff = backoff;
    }

    /** Consumer settings: read only committed (exactly-once) output, commit by hand, start at the beginning. */
    public static Map<String, Object> consumerConfig(String bootstrap, Topics topics) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "balance-mirror",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (closing.getCount() > 0) {
                mirror(consumer.poll(POLL));
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        consumer.wakeup();
        stopped.await(30, TimeUnit.SECONDS);
    }

    private void mirror(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            List<Balance> balances = decode(records);
            for (BalanceSink sink : sinks) {
                sink.write(balances);
            }
            consumer.commitSync();
            backoff.reset();
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            Duration wait = backoff.next();
            LOG.warn("mirroring {} balances failed, retrying in {} ms: {}", records.count(), wait.toMillis(), e.toString());
            rewind(records);
            pause(wait);
        }
    }

    /** Seeks every partition of the batch back to its first record, so the next poll returns the batch again. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (var partition : records.partitions()) {
            // after a rebalance the partition may belong to someone else, who starts from the committed offset
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void pause(Duration wait) {
        try {
            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    private static List<Balance> decode(ConsumerRecords<String, byte[]> records) {
        List<Balance> balances = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.value() != null) {
                    balances.add(BalanceSerde.read(record.value()));
                }
            } catch (SerializationException e) {
                // only the projector writes this topic; an unreadable value cannot become readable on retry
                LOG.error("skipping unreadable balance at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return balances;
    }
}
