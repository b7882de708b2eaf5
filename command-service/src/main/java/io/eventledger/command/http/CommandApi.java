package io.eventledger.command.http;

import io.eventledger.command.audit.ChainVerifier;
import io.eventledger.command.audit.EventHistory;
import io.eventledger.command.execution.CommandMetrics;
import io.eventledger.command.handling.AccountCommands;
import io.eventledger.command.handling.TransferCommands;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.platform.auth.Authenticator;
import io.eventledger.platform.http.HttpServers;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import javax.sql.DataSource;

/** Assembles the write side's HTTP app on the platform's server: correlation ids, problems, command counts, routes. */
public final class CommandApi {

    private CommandApi() {}

    /** The app, not yet started. */
    public static Javalin create(
            Authenticator authenticator,
            AccountCommands commands,
            TransferCommands transfers,
            DataSource dataSource,
            PrometheusMeterRegistry registry) {
        // every route with roles, commands and reads alike, is authenticated once, before its handler
        Javalin app = HttpServers.create(authenticator);
        // before auth, so even a 401 carries the correlation id the client can quote
        app.before(Requests::correlate);
        ProblemMapping.register(app);
        CommandReplies.countOutcomes(app, new CommandMetrics(registry));
        new AccountRoutes(commands).register(app);
        new TransferRoutes(transfers).register(app);
        new HealthRoutes(dataSource, registry).register(app);
        new HistoryRoutes(commands, new EventHistory(dataSource, EventCodec.standard())).register(app);
        new AuditRoutes(new ChainVerifier(dataSource, ChainVerifier.DEFAULT_BATCH)).register(app);
        new OpenApiRoutes().register(app);
        return app;
    }
}
