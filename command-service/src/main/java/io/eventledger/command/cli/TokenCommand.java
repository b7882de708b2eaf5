package io.eventledger.command.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.eventledger.platform.config.Connections;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ledger token create|revoke}: bearer tokens; only their SHA-256 hashes are stored. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Creates or revokes API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
final class TokenCommand implements Callable<Integer> {

    @ParentCommand
    private LedgerCli ledger;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "create or revoke is required");
    }

    private HikariDataSource database() {
        return CommandServiceMain.dataSource(Connections.fromEnv(ledger.env()), 1);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a token and prints it as the last line; it is shown only once.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private TokenCommand token;

        @Spec
        private CommandSpec spec;

        @Option(names = "--user", required = true, description = "the user id recorded in event metadata")
        private String user;

        @Option(
                names = "--roles",
                required = true,
                split = ",",
                converter = RoleConverter.class,
                description = "comma-separated: operator, approver, auditor, reader, admin")
        private Set<Role> roles;

        @Override
        public Integer call() throws SQLException {
            if (user.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--user must not be blank");
            }
            try (HikariDataSource db = token.database()) {
                String created = new TokenStore(db).create(user.trim(), roles);
                spec.commandLine().getOut().println(created);
            }
            return 0;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revokes a token; it stops working at once.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        private TokenCommand token;

        @Spec
        private CommandSpec spec;

        @Option(names = "--token", required = true, description = "the token to revoke")
        private String value;

        @Override
        public Integer call() throws SQLException {
            try (HikariDataSource db = token.database()) {
                if (!new TokenStore(db).revoke(value.trim())) {
                    throw new IllegalStateException("no live token matches");
                }
            }
            spec.commandLine().getOut().println("revoked");
            return 0;
        }
    }

    /** Makes an unknown role a usage error (exit 2) that lists the known ones. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
