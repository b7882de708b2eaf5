package io.eventledger.projector.cli;

import io.eventledger.projector.ProjectorConfig;
import io.eventledger.projector.reconcile.Difference;
import io.eventledger.projector.reconcile.EventStoreFold;
import io.eventledger.projector.reconcile.PostgresProbe;
import io.eventledger.projector.reconcile.Reconciler;
import io.eventledger.projector.reconcile.RedisProbe;
import io.eventledger.projector.reconcile.StateStoreProbe;
import io.lettuce.core.RedisClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code projector reconcile}: the event store is the truth; every read model is compared with it. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Fold every account from the event store and compare balance and version with the state store (through a "
                    + "running instance), the Postgres mirror and the Redis mirror.",
            "Prints each difference and exits 1 if there is any; exits 0 with a one-line summary otherwise."
        })
final class ReconcileCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private ProjectorCli parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--projector",
            defaultValue = "http://127.0.0.1:8081",
            description = "A running projector instance to read the state store through (default: ${DEFAULT-VALUE}).")
    private URI projector;

    @Option(names = "--token", description = "Bearer token with role reader (default: the LEDGER_TOKEN variable).")
    private String token;

    @Option(
            names = "--settle-seconds",
            defaultValue = "10",
            description = "How long a read model that is only behind may take to catch up (default: ${DEFAULT-VALUE}).")
    private int settleSeconds;

    @Override
    public Integer call() throws Exception {
        String bearer = token != null ? token : parent.env().get("LEDGER_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            spec.commandLine().getErr().println("reconcile needs a token: --token or the LEDGER_TOKEN variable");
            return 2;
        }
        ProjectorConfig config = parent.config();
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(config.connections().dbUrl());
        db.setUser(config.connections().dbUser());
        db.setPassword(config.connections().dbPassword());
        EventStoreFold.Result truth = new EventStoreFold().fold(db);
        RedisClient redis = RedisClient.create(config.connections().redisUrl());
        try (var connection = redis.connect()) {
            List<Difference> differences = new ArrayList<>(truth.unfoldable());
            differences.addAll(new Reconciler(
                            List.of(
                                    new StateStoreProbe(HttpClient.newHttpClient(), projector, bearer),
                                    new PostgresProbe(db),
                                    new RedisProbe(connection.sync())),
                            Duration.ofSeconds(settleSeconds))
                    .compare(truth.balances()));
            return report(truth, differences, spec.commandLine().getOut());
        } finally {
            redis.shutdown();
        }
    }

    private static int report(EventStoreFold.Result truth, List<Difference> differences, PrintWriter out) {
        differences.forEach(d -> out.println(d.describe()));
        String checked = truth.balances().size() + " accounts (" + truth.events() + " events)";
        if (differences.isEmpty()) {
            out.println("reconciled " + checked + " against the state store, Postgres and Redis: no differences");
            return 0;
        }
        out.println(differences.size() + " differences in " + checked);
        return 1;
    }
}
