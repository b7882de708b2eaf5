package io.eventledger.command.eventstore;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates the write side's schema {@code ledger} (its own Flyway history table lives there). */
public final class LedgerSchema {

    private LedgerSchema() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("ledger")
                .createSchemas(true)
                .locations("classpath:db/ledger")
                .load()
                .migrate();
    }
}
