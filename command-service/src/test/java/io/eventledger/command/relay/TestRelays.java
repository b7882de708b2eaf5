package io.eventledger.command.relay;

import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.platform.config.Connections;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

/** In-process relays for the relay tests, each with its own producer as a separate process would have. */
final class TestRelays implements AutoCloseable {

    static final Shard ONLY = new Shard(0, 1);
    private static final RelayTimings FAST = new RelayTimings(
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            Duration.ofMillis(200));
    private final Connections connections;
    private final EventStore store =
            new EventStore(TestLedger.db(), EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
    private final List<OutboxPublisher> publishers = new ArrayList<>();
    private final List<Admin> admins = new ArrayList<>();

    TestRelays() {
        this(TestLedger.servers().connections());
    }

    /** Relays publishing under the topics of {@code connections}. */
    TestRelays(Connections connections) {
        this.connections = connections;
    }

    /** A relay of the shard, not started; {@code overrides} change its producer's settings. */
    OutboxRelay relay(Shard shard, MeterRegistry meters, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(
                OutboxPublisher.producerConfig(connections.kafkaBootstrap(), "relay-test-" + publishers.size()));
        config.putAll(overrides);
        OutboxPublisher publisher =
                new OutboxPublisher(() -> new KafkaProducer<String, byte[]>(config), connections.topics());
        publishers.add(publisher);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connections.kafkaBootstrap()));
        admins.add(admin);
        DataSource sessions = RelayGroup.sessions(connections);
        return new OutboxRelay(
                sessions,
                publisher,
                RelayGroup.healer(admin, sessions, publisher, connections, meters, FAST),
                FAST,
                shard,
                new RelayMetrics(meters, shard));
    }

    /** Opens an account and deposits into it in one append: two events, two outbox rows. */
    List<EventEnvelope> openAndDeposit(UUID account) throws Exception {
        EventMetadata metadata = new EventMetadata("u1", List.of("operator"), "corr-relay", "c1", "c1", null, null);
        return store.append(AppendRequest.first(
                EventTypes.ACCOUNT,
                account,
                List.of(new AccountOpened("bob", "EUR"), new MoneyDeposited(new BigDecimal("7.00"), "EUR", "r")),
                metadata));
    }

    /** Deposits into an account after its {@code head} event: the next version, one outbox row. */
    List<EventEnvelope> deposit(UUID account, EventEnvelope head) throws Exception {
        EventMetadata metadata = new EventMetadata("u1", List.of("operator"), "corr-relay", "c2", "c2", null, null);
        return store.append(new AppendRequest(
                EventTypes.ACCOUNT,
                account,
                head.version(),
                head.hash(),
                List.of(new MoneyDeposited(new BigDecimal("1.00"), "EUR", "r")),
                metadata));
    }

    /** Outbox rows of these aggregates not yet published. */
    static long pending(List<UUID> aggregates) throws Exception {
        return TestLedger.count(
                "SELECT count(*) FROM ledger.outbox WHERE aggregateid = ANY(?)",
                aggregates.stream().map(UUID::toString).toArray(String[]::new));
    }

    @Override
    public void close() {
        publishers.forEach(OutboxPublisher::close);
        admins.forEach(a -> a.close(Duration.ZERO));
    }
}
