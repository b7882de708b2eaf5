package io.eventledger.projector.mirror;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates the mirrors' schema {@code ledger_read}; its Flyway history table lives there too. */
public final class ReadSchema {

    private ReadSchema() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("ledger_read")
                .createSchemas(true)
                .locations("classpath:db/ledger_read")
                .load()
                .migrate();
    }
}
