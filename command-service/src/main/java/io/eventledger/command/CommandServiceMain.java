package io.eventledger.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.http.CommandApi;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.relay.OutboxPublisher;
import io.eventledger.command.relay.OutboxRelay;
import io.eventledger.command.relay.RelayTimings;
import io.eventledger.command.store.AccountCommands;
import io.eventledger.command.store.EventStore;
import io.eventledger.command.store.LedgerSchema;
import io.eventledger.common.auth.TokenStore;
import io.eventledger.common.config.Connections;
import io.eventledger.common.envelope.EventCodec;
import io.eventledger.common.topic.TopicSetup;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires command-service: pool, schema, topics, relay, HTTP. The only place its collaborators are built. */
public final class CommandServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(CommandServiceMain.class);
    private static final int POOL_SIZE = 16;

    private CommandServiceMain() {
    }

    /** Starts the service; if any step fails, what was already started is stopped again. */
    public static CommandService start(CommandServiceConfig config) {
        Connections connections = config.connections();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            HikariDataSource pool = dataSource(connections, POOL_SIZE);
            started.add(pool);
            LedgerSchema.migrate(pool);
            new TopicSetup(connections.kafkaBootstrap()).ensure(connections.topics());
            if (config.relayEnabled()) {
                started.addAll(startRelay(connections));
            }
            Javalin app = httpApp(pool, started).start(config.httpPort());
            started.add(app::stop);
            LOG.info("command-service listening on port {} (relay {})", app.port(), config.relayEnabled() ? "on" : "off");
            return new CommandService(app.port(), started);
        } catch (RuntimeException e) {
            new CommandService(0, started).close();
            throw e;
        }
    }

    /** A connection pool on the ledger database; the CLI uses a small one. */
    public static HikariDataSource dataSource(Connections connections, int maxPoolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(connections.dbUrl());
        hikari.setUsername(connections.dbUser());
        hikari.setPassword(connections.dbPassword());
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setPoolName("ledger");
        // fail a request (503) within seconds rather than hold it for Hikari's default 30 s
        hikari.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        hikari.addDataSourceProperty("ApplicationName", "eventledger-command-service");
        return new HikariDataSource(hikari);
    }

    private static Javalin httpApp(DataSource pool, List<AutoCloseable> started) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        started.add(registry::close);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        EventStore store = new EventStore(pool, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
        return CommandApi.create(new TokenStore(pool), new AccountCommands(store), pool, registry);
    }

    private static List<AutoCloseable> startRelay(Connections connections) {
        var producer = new KafkaProducer<String, byte[]>(OutboxPublisher.producerConfig(connections.kafkaBootstrap()));
        var publisher = new OutboxPublisher(producer, connections.topics());
        OutboxRelay relay = new OutboxRelay(relaySessions(connections), publisher, RelayTimings.standard()).start();
        return List.of(() -> producer.close(Duration.ofSeconds(5)), relay);
    }

    /** Unpooled: the relay's advisory lock lives exactly as long as its session. */
    private static DataSource relaySessions(Connections connections) {
        PGSimpleDataSource sessions = new PGSimpleDataSource();
        sessions.setURL(connections.dbUrl());
        sessions.setUser(connections.dbUser());
        sessions.setPassword(connections.dbPassword());
        sessions.setApplicationName("eventledger-outbox-relay");
        return sessions;
    }
}
