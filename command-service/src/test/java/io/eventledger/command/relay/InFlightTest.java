package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.outbox.OutboxMessage;
import io.eventledger.contract.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The relay's pipeline on a producer whose acks the test hands out one by one: a failed batch is never
 * overtaken by a later row of one of its aggregates, and nothing of a failed batch counts as acknowledged.
 */
class InFlightTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final OutboxPublisher publisher = new OutboxPublisher(() -> producer, new Topics("test."));
    private final InFlight inFlight = new InFlight(2);

    @Test
    void aLaterRowOfAnAggregateInFlightIsHeldBackAndFollowsItsFailedBatchWhenReadAgain() {
        OutboxRows.Row a1 = row(1, "A");
        OutboxRows.Row b1 = row(2, "B");
        OutboxRows.Row a2 = row(3, "A");
        OutboxRows.Row c1 = row(4, "C");
        inFlight.add(publisher.send(inFlight.sendable(List.of(a1, b1)), row -> {}));

        List<OutboxRows.Row> next = inFlight.sendable(List.of(a2, c1));
        assertThat(next).containsExactly(c1);
        inFlight.add(publisher.send(next, row -> {}));
        assertThat(inFlight.isFull()).isTrue();
        assertThat(inFlight.ids()).containsExactly(1L, 2L, 4L);

        producer.errorNext(new KafkaException("a1 expired"));
        producer.completeNext();
        producer.completeNext();
        assertThat(inFlight.removeOldest().acked(NO_WAIT)).isFalse();
        // a1 and b1 were not deleted, so the next read returns them again ahead of a2, in id order
        assertThat(inFlight.sendable(List.of(a1, b1, a2))).containsExactly(a1, b1, a2);
        assertThat(inFlight.ids()).containsExactly(4L);
        assertThat(inFlight.removeOldest().acked(NO_WAIT)).isTrue();
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void twoRowsOfOneAggregateInOneReadAreSentTogetherInOrder() {
        OutboxRows.Row a1 = row(1, "A");
        OutboxRows.Row a2 = row(2, "A");
        inFlight.add(publisher.send(inFlight.sendable(List.of(a1, a2)), row -> {}));

        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("A", "A");
        assertThat(inFlight.sendable(List.of(row(3, "A")))).isEmpty();
        producer.completeNext();
        producer.completeNext();
        assertThat(inFlight.removeOldest().acked(NO_WAIT)).isTrue();
        assertThat(inFlight.sendable(List.of(row(3, "A")))).hasSize(1);
    }

    @Test
    void aBatchWithARowTheProducerRefusesIsNeverAcknowledged() {
        OutboxRows.Row good = row(1, "A");
        OutboxRows.Row malformed = new OutboxRows.Row(
                2, Instant.now(), new OutboxMessage("account", "B", "MoneyDeposited", "{}", "not json"));
        SentBatch batch = publisher.send(List.of(good, malformed), row -> {});

        producer.completeNext();
        assertThat(batch.acked(NO_WAIT)).isFalse();
    }

    @Test
    void aBatchWhoseAcksAreStillOutstandingIsNotAcknowledgedAfterTheTimeout() {
        SentBatch batch = publisher.send(List.of(row(1, "A")), row -> {});

        assertThat(batch.acked(Duration.ofMillis(10))).isFalse();
    }

    private static OutboxRows.Row row(long id, String aggregate) {
        return new OutboxRows.Row(
                id,
                Instant.now(),
                new OutboxMessage(
                        "account", aggregate, "MoneyDeposited", "{\"id\":" + id + "}", "{\"eventType\":\"x\"}"));
    }
}
