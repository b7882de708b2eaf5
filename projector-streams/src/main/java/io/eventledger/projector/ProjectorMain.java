package io.eventledger.projector;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.common.auth.TokenStore;
import io.eventledger.common.config.Connections;
import io.eventledger.common.http.HttpServers;
import io.eventledger.projector.mirror.Backoff;
import io.eventledger.projector.mirror.BalanceMirror;
import io.eventledger.projector.mirror.PostgresBalances;
import io.eventledger.projector.mirror.ReadSchema;
import io.eventledger.projector.mirror.RedisBalances;
import io.eventledger.projector.query.BalanceQueries;
import io.eventledger.projector.query.OpsRoutes;
import io.eventledger.projector.query.PeerForwarder;
import io.eventledger.projector.topology.BalanceTopology;
import io.eventledger.projector.topology.StoreNames;
import io.eventledger.projector.topology.StreamsSettings;
import io.javalin.Javalin;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires one projector instance: pool, read schema, HTTP, Kafka Streams, metrics and the mirror. */
public final class ProjectorMain {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectorMain.class);
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private ProjectorMain() {
    }

    /** Starts an instance; on failure everything opened so far is closed again. */
    public static Projector start(ProjectorConfig config) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            return open(config, opened);
        } catch (RuntimeException e) {
            Projector.closeAll(opened.reversed());
            throw e;
        }
    }

    /** Adds everything it opens to {@code opened}, in opening order. */
    private static Projector open(ProjectorConfig config, List<AutoCloseable> opened) {
        HikariDataSource db = pool(config.connections());
        opened.add(db);
        ReadSchema.migrate(db);
        // bind first: with port 0 only the bound port can be advertised to the other instances
        Javalin app = HttpServers.create(new TokenStore(db)).start(config.httpPort());
        opened.add(app::stop);
        HostInfo self = new HostInfo(config.advertisedHost(), app.port());
        KafkaStreams streams = streams(config, self);
        // leave the group on close, so the other instances take over at once instead of after a session timeout
        opened.add(() -> streams.close(new KafkaStreams.CloseOptions().timeout(STREAMS_CLOSE_TIMEOUT).leaveGroup(true)));
        opened.add(routes(app, streams, self));
        if (config.mirrorsEnabled()) {
            opened.addAll(startMirror(config.connections(), db));
        }
        streams.start();
        LOG.info("projector {} serving on {}:{}", config.applicationId(), self.host(), self.port());
        return new Projector(app.port(), streams, opened.reversed());
    }

    private static HikariDataSource pool(Connections connections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(connections.dbUrl());
        hikari.setUsername(connections.dbUser());
        hikari.setPassword(connections.dbPassword());
        // token checks and mirror batches only: a few connections are plenty
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("projector");
        return new HikariDataSource(hikari);
    }

    private static KafkaStreams streams(ProjectorConfig config, HostInfo self) {
        var topology = BalanceTopology.build(config.connections().topics(),
                Stores.persistentKeyValueStore(StoreNames.BALANCES_STORE));
        KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.of(config.applicationId(),
                config.connections().kafkaBootstrap(), self, config.stateDir()));
        // bad records never reach here (they are parked); what does is infrastructure, worth a fresh thread
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread died, replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return streams;
    }

    /** Returns the metrics binder, which must be closed with the instance. */
    private static AutoCloseable routes(Javalin app, KafkaStreams streams, HostInfo self) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        new OpsRoutes(streams, metrics).register(app);
        new BalanceQueries(streams, self, new PeerForwarder(HttpClient.newHttpClient(), self)).register(app);
        return streamsMetrics;
    }

    /** Returns what to close, in opening order. */
    private static List<AutoCloseable> startMirror(Connections connections, HikariDataSource db) {
        RedisClient redisClient = RedisClient.create(connections.redisUrl());
        // fail fast while Redis is down, so the mirror backs off instead of queueing commands
        redisClient.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        RedisBalances redis = new RedisBalances(redisClient);
        var consumer = new KafkaConsumer<>(BalanceMirror.consumerConfig(connections.kafkaBootstrap(), connections.topics()),
                new StringDeserializer(), new ByteArrayDeserializer());
        BalanceMirror mirror = new BalanceMirror(consumer, connections.topics().balances(),
                List.of(new PostgresBalances(db), redis), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
        Thread.ofPlatform().name("balance-mirror").start(mirror);
        return List.of(redisClient::shutdown, redis, mirror);
    }
}
