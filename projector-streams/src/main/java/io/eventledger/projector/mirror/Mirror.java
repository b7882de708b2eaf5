package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.ReadModelSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output topic into one sink, in its own consumer group, so an outage of one store delays only
 * its own mirror. Offsets are committed only after the sink took the batch; on any failure the consumer
 * seeks back and the same batch is retried with capped backoff, so an outage never loses a value and never
 * stops the thread.
 */
public final class Mirror<T> implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final ReadModelSerde<T> serde;
    private final MirrorSink<T> sink;
    private final Backoff backoff;
    private final AtomicLong failures = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile MirrorProgress progress = MirrorProgress.UNKNOWN;

    public Mirror(
            Consumer<String, byte[]> consumer,
            String topic,
            ReadModelSerde<T> serde,
            MirrorSink<T> sink,
            Backoff backoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.serde = serde;
        this.sink = sink;
        this.backoff = backoff;
    }

    /** Consumer settings: read only committed (exactly-once) output, commit by hand, start at the beginning. */
    public static Map<String, Object> consumerConfig(String bootstrap, String groupId) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                // big batches while catching up (a replay): one transaction or pipeline for many values, and
                // more of a busy key's versions collapse into one write; at a steady load a poll takes what is there
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2_000);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (closing.getCount() > 0) {
                mirror(consumer.poll(POLL));
                progress = MirrorProgress.of(consumer);
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop
        } finally {
            try {
                // bounded: a stop must finish well within what infra/down.sh waits before it kills
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            } finally {
                stopped.countDown(); // whatever close() throws, close() must not wait for nothing
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closeAll(List.of(this));
    }

    /** Tells every mirror to stop first, then waits for them, so the waits overlap instead of adding up. */
    public static void closeAll(List<Mirror<?>> mirrors) throws InterruptedException {
        for (Mirror<?> mirror : mirrors) {
            mirror.closing.countDown();
            mirror.consumer.wakeup();
        }
        for (Mirror<?> mirror : mirrors) {
            mirror.stopped.await(CLOSE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        }
    }

    public String name() {
        return topic + " -> " + sink.name();
    }

    public MirrorProgress progress() {
        return progress;
    }

    public String topic() {
        return topic;
    }

    /** Failed attempts so far: each one is retried after a backoff. */
    public long failures() {
        return failures.get();
    }

    private void mirror(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            sink.write(Batches.decode(records, serde));
            consumer.commitSync();
            backoff.reset();
        } catch (WakeupException e) {
            throw e;
        } catch (Exception | AssertionError e) {
            // AssertionError too: pgjdbc asserts (under -ea) when its connection is killed mid-batch, and no
            // failure of a sink may end the mirror's thread, or mirroring would stop without a word
            failures.incrementAndGet();
            Duration wait = backoff.next();
            LOG.warn(
                    "mirroring {} records to {} failed, retrying in {} ms: {}",
                    records.count(),
                    sink.name(),
                    wait.toMillis(),
                    e.toString());
            Batches.rewind(consumer, records);
            pause(wait);
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
}
