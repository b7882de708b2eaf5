package io.eventledger.projector;

import io.eventledger.contract.topic.Topics;
import io.eventledger.projector.mirror.Backoff;
import io.eventledger.projector.mirror.Mirror;
import io.eventledger.projector.mirror.MirrorKind;
import io.eventledger.projector.mirror.MirrorSink;
import io.eventledger.projector.mirror.Overwrite;
import io.eventledger.projector.mirror.PostgresBalances;
import io.eventledger.projector.mirror.PostgresDailySummaries;
import io.eventledger.projector.mirror.RedisReadModels;
import io.eventledger.projector.topology.ReadModelSerde;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The part of {@link ProjectorMain} that wires the four mirrors (balances and daily summaries, each into
 * Postgres and into Redis: {@code MirrorKind}), each on its own thread and in its own consumer group, so an
 * outage of one store delays only its own mirror.
 */
final class MirrorWiring {

    private MirrorWiring() {}

    /** Starts the mirrors; adds what must be closed to {@code opened}, in opening order. */
    static List<Mirror<?>> start(
            ProjectorConfig config,
            DataSource db,
            Overwrite overwrite,
            MeterRegistry metrics,
            List<AutoCloseable> opened) {
        RedisClient redisClient = RedisReadModels.client(config.connections().redisUrl());
        opened.add(redisClient::shutdown);
        var balancesRedis = RedisReadModels.balances(redisClient, overwrite);
        var daysRedis = RedisReadModels.dailySummaries(redisClient, overwrite);
        opened.add(balancesRedis);
        opened.add(daysRedis);
        List<Mirror<?>> mirrors = new ArrayList<>();
        mirrors.add(mirror(
                config, MirrorKind.BALANCES_POSTGRES, ReadModelSerde.BALANCE, new PostgresBalances(db, overwrite)));
        mirrors.add(mirror(config, MirrorKind.BALANCES_REDIS, ReadModelSerde.BALANCE, balancesRedis));
        mirrors.add(mirror(
                config,
                MirrorKind.DAILY_SUMMARIES_POSTGRES,
                ReadModelSerde.DAILY_SUMMARY,
                new PostgresDailySummaries(db, overwrite)));
        mirrors.add(mirror(config, MirrorKind.DAILY_SUMMARIES_REDIS, ReadModelSerde.DAILY_SUMMARY, daysRedis));
        for (Mirror<?> mirror : mirrors) {
            Thread.ofPlatform().name("mirror " + mirror.name()).start(mirror);
            measure(mirror, metrics);
        }
        opened.add(() -> Mirror.closeAll(mirrors));
        return List.copyOf(mirrors);
    }

    private static <T> Mirror<T> mirror(
            ProjectorConfig config, MirrorKind kind, ReadModelSerde<T> serde, MirrorSink<T> sink) {
        Topics topics = config.connections().topics();
        var consumer = new KafkaConsumer<>(
                Mirror.consumerConfig(config.connections().kafkaBootstrap(), kind.groupId(config.applicationId())),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        return new Mirror<>(
                consumer, kind.topic(topics), serde, sink, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
    }

    private static void measure(Mirror<?> mirror, MeterRegistry metrics) {
        Gauge.builder("ledger.projector.mirror.lag", mirror, m -> m.progress().lag())
                .description("records of the output topic not yet written to the store; -1 until known")
                .tag("mirror", mirror.name())
                .register(metrics);
        FunctionCounter.builder("ledger.projector.mirror.failures", mirror, Mirror::failures)
                .description("failed mirror attempts, each retried after a backoff")
                .tag("mirror", mirror.name())
                .register(metrics);
    }
}
