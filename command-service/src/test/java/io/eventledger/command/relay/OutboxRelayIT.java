package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.store.AppendRequest;
import io.eventledger.command.store.EventStore;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.TopicReader;
import io.eventledger.common.config.Connections;
import io.eventledger.common.envelope.EnvelopeSerde;
import io.eventledger.common.envelope.EventCodec;
import io.eventledger.common.envelope.EventEnvelope;
import io.eventledger.common.envelope.EventHeaders;
import io.eventledger.common.envelope.EventMetadata;
import io.eventledger.common.envelope.EventTypes;
import io.eventledger.common.event.AccountEvent.AccountOpened;
import io.eventledger.common.event.AccountEvent.MoneyDeposited;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class OutboxRelayIT {

    private static final String OUTBOX = "SELECT count(*) FROM ledger.outbox WHERE aggregateid = ?";
    private static final RelayTimings FAST = new RelayTimings(Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofSeconds(30));
    private final Connections connections = TestLedger.servers().connections();
    private final EventStore store = new EventStore(TestLedger.db(), EventCodec.standard(), new OutboxWriter(),
            Clock.systemUTC());
    private final UUID id = UUID.randomUUID();
    private final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    private TopicReader reader;

    @BeforeEach
    void openReader() {
        reader = new TopicReader(connections.kafkaBootstrap(), connections.topics().accountEvents());
    }

    @AfterEach
    void closeReaderAndProducers() {
        reader.close();
        producers.forEach(p -> p.close(Duration.ZERO));
    }

    @Test
    void publishesRowsInOrderWithKeyAndHeadersThenDeletesThem() throws Exception {
        List<EventEnvelope> written = appendOpenAndDeposit();

        try (OutboxRelay relay = relay(producerConfig(Map.of())).start()) {
            List<ConsumerRecord<String, byte[]>> records = awaitRecords(2);
            assertThat(records).extracting(r -> EnvelopeSerde.read(r.value())).extracting(EventEnvelope::eventId)
                    .containsExactly(written.get(0).eventId(), written.get(1).eventId());
            assertThat(headers(records.get(1))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    EventHeaders.EVENT_ID, written.get(1).eventId().toString(), EventHeaders.EVENT_TYPE, "MoneyDeposited",
                    EventHeaders.SCHEMA_VERSION, "2", EventHeaders.AGGREGATE_VERSION, "2",
                    EventHeaders.CORRELATION_ID, "corr-relay"));
            await().atMost(Duration.ofSeconds(10)).until(() -> TestLedger.count(OUTBOX, id.toString()) == 0);
        }
    }

    @Test
    void keepsEveryRowWhileKafkaCannotBeReached() throws Exception {
        appendOpenAndDeposit();
        Map<String, Object> unreachable = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 400,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300);

        try (OutboxRelay failing = relay(producerConfig(unreachable)).start()) {
            await().atMost(Duration.ofSeconds(10)).until(failing::isActive);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> TestLedger.count(OUTBOX, id.toString()) == 2);
        }
        try (OutboxRelay working = relay(producerConfig(Map.of())).start()) {
            assertThat(awaitRecords(2)).hasSize(2);
        }
    }

    @Test
    void aStandbyRelayTakesOverWhenTheActiveOneStops() throws Exception {
        try (OutboxRelay first = relay(producerConfig(Map.of())).start();
             OutboxRelay second = relay(producerConfig(Map.of())).start()) {
            await().atMost(Duration.ofSeconds(10)).until(first::isActive);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !second.isActive());

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(second::isActive);
            appendOpenAndDeposit();
            assertThat(awaitRecords(2)).hasSize(2);
        }
    }

    private List<EventEnvelope> appendOpenAndDeposit() throws Exception {
        EventMetadata metadata = new EventMetadata("u1", List.of("operator"), "corr-relay", "c1", "c1", null, null);
        return store.append(AppendRequest.first(EventTypes.ACCOUNT, id, List.of(new AccountOpened("bob", "EUR"),
                new MoneyDeposited(new BigDecimal("7.00"), "EUR", "r")), metadata));
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(int count) {
        return await().atMost(Duration.ofSeconds(20)).pollInSameThread()
                .until(() -> reader.recordsWithKey(id.toString()), records -> records.size() >= count);
    }

    /** Each relay gets its own producer, as a separate relay process would have. */
    private OutboxRelay relay(Map<String, Object> producerConfig) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig);
        producers.add(producer);
        OutboxPublisher publisher = new OutboxPublisher(producer, connections.topics());
        PGSimpleDataSource sessions = new PGSimpleDataSource();
        sessions.setURL(connections.dbUrl());
        sessions.setUser(connections.dbUser());
        sessions.setPassword(connections.dbPassword());
        return new OutboxRelay(sessions, publisher, FAST);
    }

    private Map<String, Object> producerConfig(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(OutboxPublisher.producerConfig(connections.kafkaBootstrap()));
        config.putAll(overrides);
        return config;
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return headers;
    }
}
