package io.eventledger.projector;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.platform.auth.Authenticator;
import io.eventledger.platform.auth.TokenRevocationListener;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.config.Connections;
import io.eventledger.platform.http.HttpServers;
import io.eventledger.platform.kafka.TopicSetup;
import io.eventledger.projector.mirror.Mirror;
import io.eventledger.projector.mirror.Overwrite;
import io.eventledger.projector.mirror.ReadSchema;
import io.eventledger.projector.query.AppliedVersions;
import io.eventledger.projector.query.BalanceQueries;
import io.eventledger.projector.query.LocalStores;
import io.eventledger.projector.query.OpsRoutes;
import io.eventledger.projector.query.PeerForwarder;
import io.eventledger.projector.query.QueryTimer;
import io.eventledger.projector.query.SummaryQueries;
import io.eventledger.projector.topology.ProjectionListener;
import io.eventledger.projector.topology.ProjectionTopology;
import io.eventledger.projector.topology.StoreNames;
import io.eventledger.projector.topology.StreamsSettings;
import io.eventledger.projector.topology.StreamsSettings.OnClose;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires one projector instance: pool, read schema, metrics, HTTP, Kafka Streams and the mirrors. */
public final class ProjectorMain {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectorMain.class);
    // with the mirrors' 5 s, a stop stays well within the 60 s infra/down.sh waits before it kills
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(20);
    // Kafka's own metrics appear as partitions are assigned: look for new ones this often
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);
    // a peer whose host is gone (not only its process, which refuses at once) fails this fast, and the query
    // moves on to a standby copy instead of waiting out the request's whole timeout
    private static final Duration PEER_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private ProjectorMain() {}

    /** Starts an instance whose mirrors write only newer versions; on failure everything opened is closed again. */
    public static Projector start(ProjectorConfig config) {
        return start(config, Overwrite.NEWER);
    }

    /** As {@link #start(ProjectorConfig)}; a replay passes {@link Overwrite#NEWER_OR_SAME} to repair the mirrors. */
    public static Projector start(ProjectorConfig config, Overwrite mirrorOverwrite) {
        return start(config, mirrorOverwrite, OnClose.LEAVE_GROUP);
    }

    /**
     * As {@link #start(ProjectorConfig)}; with {@link OnClose#STAY_IN_GROUP} closing the instance does not tell
     * the group, so to the other instances it dies as a killed process does (FailoverIT).
     */
    static Projector start(ProjectorConfig config, Overwrite mirrorOverwrite, OnClose onClose) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            return open(config, mirrorOverwrite, onClose, opened);
        } catch (RuntimeException e) {
            Projector.closeAll(opened.reversed());
            throw e;
        }
    }

    /** Adds everything it opens to {@code opened}, in opening order. */
    private static Projector open(
            ProjectorConfig config, Overwrite overwrite, OnClose onClose, List<AutoCloseable> opened) {
        HikariDataSource db = pool(config.connections());
        opened.add(db);
        ReadSchema.migrate(db);
        // the topics it reads and writes, with the configured partitions: a different count stops it here
        Connections connections = config.connections();
        new TopicSetup(connections.kafkaBootstrap(), connections.topicSettings()).ensure(connections.topics());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // tokens cached while their revocations are heard (command-service's migrations notify them)
        Authenticator authenticator = new Authenticator(new TokenStore(db));
        opened.add(TokenRevocationListener.start(config.connections(), authenticator));
        // bind first: with port 0 only the bound port can be advertised to the other instances
        Javalin app = HttpServers.create(authenticator).start(config.httpPort());
        opened.add(app::stop);
        HostInfo self = new HostInfo(config.advertisedHost(), app.port());
        // queries waiting for a version are woken by the stream thread as it applies their account's events
        AppliedVersions versions = new AppliedVersions();
        KafkaStreams streams =
                streams(config, self, ProjectionListener.all(new ProjectionMetrics(metrics), versions), onClose);
        // leave the group on close, so the other instances take over at once instead of after a session timeout
        opened.add(() -> streams.close(
                new KafkaStreams.CloseOptions().timeout(STREAMS_CLOSE_TIMEOUT).leaveGroup(true)));
        bindKafkaMetrics(streams, metrics, opened);
        routes(app, streams, self, metrics, config, versions);
        List<Mirror<?>> mirrors =
                config.mirrorsEnabled() ? MirrorWiring.start(config, db, overwrite, metrics, opened) : List.of();
        streams.start();
        LOG.info("projector {} serving on {}:{}", config.applicationId(), self.host(), self.port());
        return new Projector(app.port(), streams, mirrors, opened.reversed());
    }

    /** Deletes this instance's local state ({@link KafkaStreams#cleanUp()}); the instance must be stopped. */
    public static void wipeLocalState(ProjectorConfig config) {
        HostInfo unused = new HostInfo(config.advertisedHost(), config.httpPort());
        try (KafkaStreams streams = new KafkaStreams(
                topology(config, ProjectionListener.NONE),
                StreamsSettings.of(
                        config.applicationId(),
                        config.connections().kafkaBootstrap(),
                        unused,
                        config.stateDir(),
                        config.commitInterval(),
                        config.connections().topicSettings(),
                        config.failover(),
                        OnClose.LEAVE_GROUP))) {
            streams.cleanUp();
        }
    }

    /** Kafka's own Streams and client metrics (lag among them) on /metrics; adds what must be closed. */
    private static void bindKafkaMetrics(
            KafkaStreams streams, PrometheusMeterRegistry metrics, List<AutoCloseable> opened) {
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("kafka-metrics-refresh").daemon().factory());
        opened.add(refresh::shutdownNow);
        KafkaStreamsMetrics streamsMetrics =
                new KafkaStreamsMetrics(streams, List.of(), refresh, KAFKA_METRICS_REFRESH);
        streamsMetrics.bindTo(metrics);
        opened.add(streamsMetrics);
    }

    private static HikariDataSource pool(Connections connections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(connections.dbUrl());
        hikari.setUsername(connections.dbUser());
        hikari.setPassword(connections.dbPassword());
        // token checks and mirror batches only: a few connections are plenty
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        // while Postgres is away, a token check should answer 503 and a mirror back off within seconds
        hikari.setConnectionTimeout(5_000);
        hikari.setPoolName("projector");
        // a mirror batch becomes multi-row INSERT … ON CONFLICT statements instead of one per row; safe since
        // a batch holds each key once (Batches.decode), which a multi-row ON CONFLICT DO UPDATE requires
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(hikari);
    }

    private static Topology topology(ProjectorConfig config, ProjectionListener listener) {
        return ProjectionTopology.build(
                config.connections().topics(),
                config.summaryZone(),
                Stores.persistentKeyValueStore(StoreNames.BALANCES_STORE),
                Stores.persistentKeyValueStore(StoreNames.DAILY_SUMMARIES_STORE),
                listener);
    }

    private static KafkaStreams streams(
            ProjectorConfig config, HostInfo self, ProjectionListener listener, OnClose onClose) {
        KafkaStreams streams = new KafkaStreams(
                topology(config, listener),
                StreamsSettings.of(
                        config.applicationId(),
                        config.connections().kafkaBootstrap(),
                        self,
                        config.stateDir(),
                        config.commitInterval(),
                        config.connections().topicSettings(),
                        config.failover(),
                        onClose));
        // bad records never reach here (they are parked); what does is infrastructure, worth a fresh thread
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread died, replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return streams;
    }

    private static void routes(
            Javalin app,
            KafkaStreams streams,
            HostInfo self,
            PrometheusMeterRegistry metrics,
            ProjectorConfig config,
            AppliedVersions versions) {
        new QueryTimer(metrics).register(app);
        new OpsRoutes(streams, metrics).register(app);
        LocalStores stores = new LocalStores(streams);
        // HTTP/1.1: the peers are Jetty without h2c, so the default HTTP/2 would only add an upgrade attempt
        PeerForwarder peers = new PeerForwarder(
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(PEER_CONNECT_TIMEOUT)
                        .build(),
                self);
        new BalanceQueries(stores, self, peers, config.summaryZone(), versions).register(app);
        new SummaryQueries(stores, self, peers).register(app);
    }
}
