package io.eventledger.command.relay;

import io.eventledger.contract.topic.Topics;
import io.eventledger.platform.kafka.TopicSetup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka holding what the store says was published. Relays delete an outbox row once the broker
 * acknowledged it, so on a new, wiped or recreated topic nothing would ever send the old events again: the
 * store is the source of truth, and this sends them again from it.
 *
 * <p>Each relay asks {@link #current} before it publishes after activation, after a failed batch and at
 * least every {@code checkEvery}. The answer compares the cluster and topic ids with {@code ledger.kafka_target}
 * ({@link TargetCheck}). When the topics were replaced, one relay in the whole system (an advisory lock)
 * creates them and sends every stored event in order ({@link Republisher}), then records the new ids; until
 * then no relay publishes, so a later version never reaches a new topic before the versions under it.
 * Consumers skip versions they already applied, so an event sent twice is harmless.
 *
 * <p>The first check of a process also counts: when the same topics hold fewer records than the store says
 * were published, it logs the range to send with {@code ledger republish} and goes on (see
 * {@link TargetCheck#shortOf} for why it does not send it on its own).
 */
public final class KafkaHealer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaHealer.class);
    /** The first key of the healing lock, "heal": another class than the shards' locks. */
    static final int LOCK_CLASS = 0x6865_616C;

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private final TargetProbe probe;
    private final PublishedTargets targets;
    private final TopicSetup topicSetup;
    private final OutboxPublisher publisher;
    private final Republisher republisher;
    private final HealMetrics metrics;
    private final Duration checkEvery;
    private final Topics topics;
    private long nextCheckAt = System.nanoTime();
    private boolean counted;

    KafkaHealer(
            TargetProbe probe,
            PublishedTargets targets,
            TopicSetup topicSetup,
            Topics topics,
            OutboxPublisher publisher,
            Republisher republisher,
            HealMetrics metrics,
            Duration checkEvery) {
        this.probe = probe;
        this.targets = targets;
        this.topicSetup = topicSetup;
        this.topics = topics;
        this.publisher = publisher;
        this.republisher = republisher;
        this.metrics = metrics;
        this.checkEvery = checkEvery;
    }

    /** Whether a check is due: the caller settles what it has in flight first. */
    synchronized boolean due() {
        return System.nanoTime() - nextCheckAt >= 0;
    }

    /** After a failed batch: the topics may be gone, so the next publish checks first. */
    synchronized void suspect() {
        nextCheckAt = System.nanoTime();
    }

    /**
     * True when the relay may publish: the topics are the ones published to, or this call healed them. False
     * while another relay heals them; the caller waits and asks again.
     */
    synchronized boolean current(Connection session) throws SQLException, InterruptedException {
        if (!due()) {
            return true;
        }
        ObservedTarget observed = probe.observe(!counted);
        RecordedTarget recorded = targets.recorded(session);
        List<String> replaced = TargetCheck.replaced(recorded, observed, probe.eventTopics());
        if (replaced.isEmpty()) {
            accept(session, recorded, observed);
            return true;
        }
        return healUnderLock(session, replaced);
    }

    /** The topics are the ones published to: the first check of a process counts and records the position. */
    private void accept(Connection session, RecordedTarget recorded, ObservedTarget observed) throws SQLException {
        if (!counted) {
            reportShortfall(
                    TargetCheck.shortOf(targets.publishedPerTopic(session), observed),
                    targets.publishedThrough(session));
        }
        if (!counted || recorded == null || !recorded.topicIds().equals(observed.topicIds())) {
            targets.record(session, observed, 0);
        }
        counted = true;
        nextCheckAt = System.nanoTime() + checkEvery.toNanos();
    }

    private boolean healUnderLock(Connection session, List<String> reasons) throws SQLException, InterruptedException {
        if (!lock(session, "pg_try_advisory_lock")) {
            LOG.info("Kafka lacks published events ({}); another relay is sending them again", reasons);
            return false;
        }
        try {
            // another relay may have healed between our check and our lock
            ObservedTarget observed = probe.observe(false);
            List<String> still = TargetCheck.replaced(targets.recorded(session), observed, probe.eventTopics());
            if (!still.isEmpty()) {
                heal(session, still);
            }
            counted = true;
            nextCheckAt = System.nanoTime() + checkEvery.toNanos();
            return true;
        } finally {
            lock(session, "pg_advisory_unlock");
        }
    }

    private void heal(Connection session, List<String> reasons) throws SQLException, InterruptedException {
        long total = targets.publishedPerTopic(session).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        LOG.warn(
                "Kafka lacks the events already published: {}. Sending all {} stored events again, in order,"
                        + " before the outbox",
                reasons,
                total);
        topicSetup.ensure(topics);
        // the producer's sequence numbers belong to the partitions that are gone: a new one starts from zero
        publisher.renewProducer();
        ObservedTarget created = probe.observe(false);
        long started = System.nanoTime();
        long[] lastLog = {started};
        metrics.remaining(total);
        long sent = republisher.republish(Republisher.Range.ALL, soFar -> {
            metrics.remaining(total - soFar);
            long now = System.nanoTime();
            if (now - lastLog[0] >= PROGRESS_EVERY.toNanos()) {
                lastLog[0] = now;
                LOG.info("healing Kafka: {} of ~{} events sent ({} /s)", soFar, total, rate(soFar, now - started));
            }
        });
        metrics.remaining(0);
        metrics.republished(sent);
        long through = targets.record(session, created, sent);
        LOG.info(
                "healed Kafka: sent {} events again in {} ms; published through position {}; resuming the outbox",
                sent,
                (System.nanoTime() - started) / 1_000_000,
                through);
    }

    private void reportShortfall(Map<String, Long> shortOf, long publishedThrough) {
        long missing = shortOf.values().stream().mapToLong(Long::longValue).sum();
        metrics.shortOf(missing);
        if (missing > 0) {
            LOG.error(
                    "the event topics hold fewer records than the store published to them ({}): the cluster may"
                            + " have lost acknowledged records, or events were written without the outbox. If consumers need"
                            + " them, send them again: ledger republish --from-position 1",
                    shortOf);
        }
    }

    private static long rate(long sent, long nanos) {
        return nanos <= 0 ? 0 : sent * 1_000_000_000L / nanos;
    }

    private static boolean lock(Connection session, String function) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT " + function + "(?, 0)")) {
            ps.setInt(1, LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
