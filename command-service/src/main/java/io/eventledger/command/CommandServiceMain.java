package io.eventledger.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LedgerSchema;
import io.eventledger.command.execution.CommandExecutor;
import io.eventledger.command.execution.CommandMetrics;
import io.eventledger.command.handling.AccountCommands;
import io.eventledger.command.handling.AccountSnapshots;
import io.eventledger.command.handling.StreamFacts;
import io.eventledger.command.handling.TransferCommands;
import io.eventledger.command.http.CommandApi;
import io.eventledger.command.idempotency.IdempotencyKeys;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.relay.RelayGroup;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.platform.auth.Authenticator;
import io.eventledger.platform.auth.TokenRevocationListener;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.config.Connections;
import io.eventledger.platform.kafka.TopicSetup;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires command-service: pool, schema, topics, relay, HTTP. The only place its collaborators are built. */
public final class CommandServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(CommandServiceMain.class);
    private static final int POOL_SIZE = 16;

    private CommandServiceMain() {}

    /** Starts the service; if any step fails, what was already started is stopped again. */
    public static CommandService start(CommandServiceConfig config) {
        Connections connections = config.connections();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            HikariDataSource pool = dataSource(connections, POOL_SIZE);
            started.add(pool);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            started.add(registry::close);
            LedgerSchema.migrate(pool);
            new TopicSetup(connections.kafkaBootstrap(), connections.topicSettings()).ensure(connections.topics());
            if (config.relayEnabled()) {
                started.add(RelayGroup.start(connections, config.relayShards(), registry));
            }
            EventStore store = new EventStore(pool, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
            CommandExecutor executor = CommandExecutor.start(
                    pool,
                    store,
                    new IdempotencyKeys(),
                    new CommandMetrics(registry),
                    config.groupCommit().lanes(),
                    config.groupCommit().maxBatch());
            started.add(executor);
            // one authentication check for every route: tokens cached while their revocations are heard
            Authenticator authenticator = new Authenticator(new TokenStore(pool));
            started.add(TokenRevocationListener.start(connections, authenticator));
            Javalin app = httpApp(authenticator, pool, store, executor, config, registry)
                    .start(config.httpPort());
            started.add(app::stop);
            LOG.info(
                    "command-service listening on port {} (relay {})",
                    app.port(),
                    config.relayEnabled() ? "on" : "off");
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

    private static Javalin httpApp(
            Authenticator authenticator,
            DataSource pool,
            EventStore store,
            CommandExecutor executor,
            CommandServiceConfig config,
            PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        AccountSnapshots snapshots = new AccountSnapshots(config.snapshotEvery());
        StreamFacts facts = new StreamFacts(store);
        return CommandApi.create(
                authenticator,
                new AccountCommands(executor, snapshots, facts),
                new TransferCommands(executor, snapshots, facts, config.approvalThreshold()),
                pool,
                registry);
    }
}
