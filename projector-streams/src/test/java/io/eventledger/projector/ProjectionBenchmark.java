package io.eventledger.projector;

import io.eventledger.common.event.AccountEvent;
import io.eventledger.common.event.AccountEvent.AccountOpened;
import io.eventledger.common.event.AccountEvent.MoneyDeposited;
import io.eventledger.common.testing.TestServers;
import io.eventledger.projector.replay.ReplayReset;
import io.eventledger.projector.topology.TestEnvelopes;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A benchmark, not a test: publishes N account events (an AccountOpened and nine deposits per account) to
 * a fresh topic, starts one real projector instance (RocksDB stores, exactly-once, mirrors on or off) and
 * prints how fast it projects them, from RUNNING until its committed offsets reach the end of the topic.
 * Run: {@code java -cp <test classpath> io.eventledger.projector.ProjectionBenchmark [events] [mirrors]}.
 */
public final class ProjectionBenchmark {

    private ProjectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean mirrors = args.length > 1 && Boolean.parseBoolean(args[1]);
        TestServers servers = TestServers.get();
        long publishStarted = System.nanoTime();
        publish(servers, events);
        System.out.printf("published %,d events in %.1f s%n", events, seconds(publishStarted));
        Map<String, String> env = servers.env(Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_MIRRORS_ENABLED",
                Boolean.toString(mirrors), "LEDGER_STATE_DIR", Files.createTempDirectory("benchmark").toString()));
        ProjectorConfig config = ProjectorConfig.fromEnv(env);
        try (Projector projector = ProjectorMain.start(config);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     servers.connections().kafkaBootstrap()))) {
            while (projector.streams().state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(10);
            }
            long started = System.nanoTime();
            ReplayReset kafka = new ReplayReset(admin);
            List<String> input = List.of(servers.connections().topics().accountEvents());
            while (!kafka.committed(config.applicationId()).equals(kafka.ends(input))) {
                Thread.sleep(100);
            }
            double took = seconds(started);
            System.out.printf("projected %,d events in %.1f s: %,.0f events/s (mirrors %s)%n", events, took,
                    events / took, mirrors ? "on" : "off");
        }
        System.exit(0);
    }

    private static void publish(TestServers servers, int events) {
        String topic = servers.connections().topics().accountEvents();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.connections().kafkaBootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int account = 0; account < events / 10; account++) {
                UUID id = UUID.randomUUID();
                for (int version = 1; version <= 10; version++) {
                    AccountEvent event = version == 1 ? new AccountOpened("owner", "EUR")
                            : new MoneyDeposited(new BigDecimal("10.00"), "EUR", "benchmark");
                    producer.send(new ProducerRecord<>(topic, id.toString(), TestEnvelopes.bytes(id, version, event)));
                }
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
