package io.eventledger.projector.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The Postgres mirror, {@code ledger_read.account_balances}. */
public final class PostgresProbe implements ReadModelProbe {

    private static final String SQL = "SELECT balance, version FROM ledger_read.account_balances WHERE account_id = ?";

    private final DataSource dataSource;

    public PostgresProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String place() {
        return "postgres ledger_read.account_balances";
    }

    @Override
    public Optional<Observed> read(UUID account) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Observed(rs.getBigDecimal(1).toPlainString(), rs.getInt(2)))
                        : Optional.empty();
            }
        }
    }
}
