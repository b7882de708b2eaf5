package io.eventledger.contract.example;

import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.event.LedgerEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a downstream team writes to follow {@code ledger.account-events} (docs/topics.md): decode with
 * ledger-contract's {@link EnvelopeSerde} and {@link EventCodec} (so old schema versions arrive upcast), and apply
 * the dedupe rule — skip a record whose version is not above the last one applied for its key. A version
 * more than one above is a gap: stop and ask for a republish rather than build on missing data.
 */
public final class AccountEventsConsumer implements AutoCloseable {

    /** What happened to one record. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        GAP
    }

    private final KafkaConsumer<String, EventEnvelope> consumer;
    private final EventCodec codec = EventCodec.standard();
    private final Map<UUID, Integer> lastApplied = new HashMap<>();
    private final BiConsumer<EventEnvelope, LedgerEvent> handler;

    public AccountEventsConsumer(String bootstrap, String topic, BiConsumer<EventEnvelope, LedgerEvent> handler) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "example-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new EnvelopeSerde().deserializer());
        this.consumer.subscribe(List.of(topic));
        this.handler = handler;
    }

    /** Polls once and applies what arrived; returns how many records were applied. */
    public int pollOnce(Duration timeout) {
        int applied = 0;
        for (ConsumerRecord<String, EventEnvelope> record : consumer.poll(timeout)) {
            if (accept(record.value()) == Outcome.APPLIED) {
                applied++;
            }
        }
        return applied;
    }

    /** The dedupe rule. A real consumer would keep {@code lastApplied} in the same store as its state. */
    public Outcome accept(EventEnvelope envelope) {
        int last = lastApplied.getOrDefault(envelope.aggregateId(), 0);
        if (envelope.version() <= last) {
            return Outcome.DUPLICATE;
        }
        if (envelope.version() > last + 1) {
            return Outcome.GAP;
        }
        handler.accept(envelope, codec.decode(envelope));
        lastApplied.put(envelope.aggregateId(), envelope.version());
        return Outcome.APPLIED;
    }

    public int lastApplied(UUID aggregateId) {
        return lastApplied.getOrDefault(aggregateId, 0);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
