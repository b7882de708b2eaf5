package io.eventledger.command.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.eventstore.LedgerSchema;
import io.eventledger.platform.config.Connections;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ledger migrate}: brings schema {@code ledger} up to date; running it twice is harmless. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Applies the write side's database migrations.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private LedgerCli ledger;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (HikariDataSource db = CommandServiceMain.dataSource(Connections.fromEnv(ledger.env()), 2)) {
            LedgerSchema.migrate(db);
        }
        spec.commandLine().getOut().println("schema ledger is up to date");
        return 0;
    }
}
