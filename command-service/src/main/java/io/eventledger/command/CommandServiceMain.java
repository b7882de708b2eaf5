package io.eventledger.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.http.CommandApi;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.relay.RelayGroup;
import io.eventledger.command.store.AccountCommands;
import io.eventledger.command.store.AccountLoader;
import io.eventledger.command.store.CommandMetrics;
import io.eventledger.command.store.CommandRunner;
import io.eventledger.command.store.EventStore;
import io.eventledger.command.store.GroupCommit;
import io.eventledger.command.store.IdempotencyKeys;
import io.eventledger.command.store.LedgerSchema;
import io.eventledger.command.store.Snapshots;
import io.eventledger.command.store.TransferCommands;
import io.eventledger.platform.auth.Authenticator;
import io.eventledger.platform.auth.TokenRevocationListener;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.config.Connections;
import io.eventledger.contract.envelope.EventCodec;
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
import java.util.Optional;
import javax.sql.DataSource;
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
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            started.add(registry::close);
            LedgerSchema.migrate(pool);
            new TopicSetup(connections.kafkaBootstrap()).ensure(connections.topics());
            if (config.relayEnabled()) {
                started.add(RelayGroup.start(connections, config.relayShards(), registry));
            }
            CommandMetrics metrics = new CommandMetrics(registry);
            EventStore store = new EventStore(pool, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
            Snapshots snapshots = new Snapshots(pool, config.snapshotEvery());
            Optional<GroupCommit> groupCommit = groupCommit(pool, store, snapshots, metrics, config.groupCommit());
            groupCommit.ifPresent(started::add);
            CommandRunner runner = new CommandRunner(pool, store, new IdempotencyKeys(), metrics, groupCommit);
            // one authentication check for every route: tokens cached while their revocations are heard
            Authenticator authenticator = new Authenticator(new TokenStore(pool));
            started.add(TokenRevocationListener.start(connections, authenticator));
            Javalin app = httpApp(authenticator, pool, runner, snapshots, config, registry).start(config.httpPort());
            started.add(app::stop);
            LOG.info("command-service listening on port {} (relay {}, group commit {})", app.port(),
                    config.relayEnabled() ? "on" : "off", groupCommit.isPresent() ? "on" : "off");
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

    private static Optional<GroupCommit> groupCommit(DataSource pool, EventStore store, Snapshots snapshots,
                                                     CommandMetrics metrics,
                                                     CommandServiceConfig.GroupCommitSettings settings) {
        return settings.enabled() ? Optional.of(GroupCommit.start(pool, store, new IdempotencyKeys(), snapshots,
                metrics, settings.lanes(), settings.maxBatch())) : Optional.empty();
    }

    private static Javalin httpApp(Authenticator authenticator, DataSource pool, CommandRunner runner,
                                   Snapshots snapshots, CommandServiceConfig config, PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        AccountLoader accounts = new AccountLoader(snapshots);
        return CommandApi.create(authenticator, new AccountCommands(runner, accounts, snapshots),
                new TransferCommands(runner, accounts, snapshots, config.approvalThreshold()), pool, registry);
    }
}
