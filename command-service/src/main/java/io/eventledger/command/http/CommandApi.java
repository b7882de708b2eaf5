package io.eventledger.command.http;

import io.eventledger.command.store.AccountCommands;
import io.eventledger.common.auth.TokenStore;
import io.eventledger.common.http.HttpServers;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import javax.sql.DataSource;

/** Assembles the write side's HTTP app on common's server: correlation ids, problems, routes. */
public final class CommandApi {

    private CommandApi() {
    }

    /** The app, not yet started. */
    public static Javalin create(TokenStore tokens, AccountCommands commands, DataSource dataSource,
                                 PrometheusMeterRegistry registry) {
        Javalin app = HttpServers.create(tokens);
        // before auth, so even a 401 carries the correlation id the client can quote
        app.before(Requests::correlate);
        ProblemMapping.register(app);
        new AccountRoutes(commands, registry).register(app);
        new HealthRoutes(dataSource, registry).register(app);
        return app;
    }
}
