package io.eventledger.command.relay;

import io.eventledger.contract.topic.Topics;
import io.eventledger.platform.config.Connections;
import io.eventledger.platform.kafka.TopicSetup;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The relays of one process, one per shard, sharing one producer (shards never share an aggregate, so
 * their records never need ordering against each other). Every process competes for every shard's lock:
 * command-service and any number of {@code ledger relay} processes can run side by side.
 */
public final class RelayGroup implements AutoCloseable {

    /** Server-side keepalives: a relay host that vanishes without closing its socket loses its lock in ~11 s. */
    private static final String KEEPALIVES = "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2"
            + " -c tcp_keepalives_count=3 -c tcp_user_timeout=10000";
    /**
     * The relay reads up to a batch of rows in id order. Postgres cannot estimate the shard predicate and,
     * with a backlog, may plan a scan of the whole outbox plus a sort, or a parallel plan whose workers take
     * ten times the query's own time to start; on the relay's own session, walking the primary key is always
     * best. Custom plans let Postgres hash the ids in flight that the read skips instead of comparing each
     * row with every one of them; JIT would compile the depth count anew on every sample.
     */
    private static final String PLANNER = " -c enable_sort=off -c max_parallel_workers_per_gather=0"
            + " -c plan_cache_mode=force_custom_plan -c jit=off";

    private static final int SOCKET_TIMEOUT_SECONDS = 30;
    private final OutboxPublisher publisher;
    private final Admin admin;
    private final List<OutboxRelay> relays;

    private RelayGroup(OutboxPublisher publisher, Admin admin, List<OutboxRelay> relays) {
        this.publisher = publisher;
        this.admin = admin;
        this.relays = relays;
    }

    public static RelayGroup start(Connections connections, int shardCount, MeterRegistry registry) {
        List<Shard> shards = Shard.all(shardCount);
        Map<String, Object> producerConfig =
                OutboxPublisher.producerConfig(connections.kafkaBootstrap(), "eventledger-outbox-relay");
        OutboxPublisher publisher =
                new OutboxPublisher(() -> new KafkaProducer<String, byte[]>(producerConfig), connections.topics());
        DataSource sessions = sessions(connections);
        RelayTimings timings = RelayTimings.standard();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connections.kafkaBootstrap()));
        KafkaHealer healer = healer(admin, sessions, publisher, connections, registry, timings);
        List<OutboxRelay> relays = new ArrayList<>();
        for (Shard shard : shards) {
            relays.add(new OutboxRelay(sessions, publisher, healer, timings, shard, new RelayMetrics(registry, shard))
                    .start());
        }
        return new RelayGroup(publisher, admin, relays);
    }

    /** The one healer of a process: its shards' relays share its checks and its heal. */
    static KafkaHealer healer(
            Admin admin,
            DataSource sessions,
            OutboxPublisher publisher,
            Connections connections,
            MeterRegistry registry,
            RelayTimings timings) {
        Topics topics = connections.topics();
        return new KafkaHealer(
                new TargetProbe(admin, List.of(topics.accountEvents(), topics.transferEvents())),
                new PublishedTargets(topics),
                new TopicSetup(connections.kafkaBootstrap(), connections.topicSettings()),
                topics,
                publisher,
                new Republisher(sessions, publisher),
                new HealMetrics(registry),
                timings.targetCheck());
    }

    /**
     * Unpooled: a relay's advisory lock lives exactly as long as its session. The application name carries
     * the process id, so {@code pg_locks} joined with {@code pg_stat_activity} shows which process is active.
     * The socket timeout bounds how long a query can hang on a server that vanished.
     */
    public static DataSource sessions(Connections connections) {
        PGSimpleDataSource sessions = new PGSimpleDataSource();
        sessions.setURL(connections.dbUrl());
        sessions.setUser(connections.dbUser());
        sessions.setPassword(connections.dbPassword());
        sessions.setApplicationName(
                "eventledger-outbox-relay-" + ProcessHandle.current().pid());
        sessions.setOptions(KEEPALIVES + PLANNER);
        sessions.setTcpKeepAlive(true);
        sessions.setConnectTimeout(5);
        sessions.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        return sessions;
    }

    /** Stops every relay after its batch in flight, then the producer. */
    @Override
    public void close() throws InterruptedException {
        for (OutboxRelay relay : relays) {
            relay.close();
        }
        publisher.close();
        admin.close(Duration.ofSeconds(5));
    }
}
