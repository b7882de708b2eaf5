package io.eventledger.command.relay;

import static io.eventledger.command.relay.TestRelays.ONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.TopicReader;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.platform.config.Connections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxRelayIT {

    private final Connections connections = TestLedger.servers().connections();
    private final TestRelays relays = new TestRelays();
    private final UUID id = UUID.randomUUID();
    private TopicReader reader;

    @BeforeEach
    void openReader() {
        reader = new TopicReader(
                connections.kafkaBootstrap(), connections.topics().accountEvents());
    }

    @AfterEach
    void closeReaderAndProducers() {
        reader.close();
        relays.close();
    }

    @Test
    void publishesRowsInOrderWithKeyAndHeadersThenDeletesThem() throws Exception {
        List<EventEnvelope> written = relays.openAndDeposit(id);

        try (OutboxRelay relay =
                relays.relay(ONLY, new SimpleMeterRegistry(), Map.of()).start()) {
            List<ConsumerRecord<String, byte[]>> records = awaitRecords(2);
            assertThat(records)
                    .extracting(r -> EnvelopeSerde.read(r.value()))
                    .extracting(EventEnvelope::eventId)
                    .containsExactly(written.get(0).eventId(), written.get(1).eventId());
            assertThat(headers(records.get(1)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            EventHeaders.EVENT_ID,
                            written.get(1).eventId().toString(),
                            EventHeaders.EVENT_TYPE,
                            "MoneyDeposited",
                            EventHeaders.SCHEMA_VERSION,
                            "2",
                            EventHeaders.AGGREGATE_VERSION,
                            "2",
                            EventHeaders.CORRELATION_ID,
                            "corr-relay"));
            await().atMost(Duration.ofSeconds(10)).until(() -> TestRelays.pending(List.of(id)) == 0);
        }
    }

    @Test
    void keepsEveryRowWhileKafkaCannotBeReached() throws Exception {
        relays.openAndDeposit(id);
        Map<String, Object> unreachable = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                400,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                300);

        try (OutboxRelay failing =
                relays.relay(ONLY, new SimpleMeterRegistry(), unreachable).start()) {
            await().atMost(Duration.ofSeconds(10)).until(failing::isActive);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> TestRelays.pending(List.of(id)) == 2);
        }
        try (OutboxRelay working =
                relays.relay(ONLY, new SimpleMeterRegistry(), Map.of()).start()) {
            assertThat(awaitRecords(2)).hasSize(2);
        }
    }

    @Test
    void aStandbyRelayTakesOverWhenTheActiveOneStopsAndCountsAFailover() throws Exception {
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        try (OutboxRelay first = relays.relay(ONLY, firstMeters, Map.of()).start()) {
            await().atMost(Duration.ofSeconds(10)).until(first::isActive);
            try (OutboxRelay second = relays.relay(ONLY, secondMeters, Map.of()).start()) {
                await().during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> !second.isActive());

                first.close();
                await().atMost(Duration.ofSeconds(10)).until(second::isActive);
                relays.openAndDeposit(id);
                assertThat(awaitRecords(2)).hasSize(2);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> secondMeters
                                        .get("ledger.relay.published")
                                        .counter()
                                        .count()
                                >= 2);
            }
        }
        assertThat(firstMeters.get("ledger.relay.failovers").counter().count()).isZero();
        assertThat(secondMeters.get("ledger.relay.failovers").counter().count()).isEqualTo(1);
        assertThat(secondMeters.get("ledger.relay.lag").timer().count()).isGreaterThanOrEqualTo(2);
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(int count) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInSameThread()
                .until(() -> reader.recordsWithKey(id.toString()), records -> records.size() >= count);
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }
}
