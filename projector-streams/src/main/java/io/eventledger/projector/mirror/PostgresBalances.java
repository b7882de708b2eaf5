package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.Balance;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;

/** {@code ledger_read.account_balances}: one transaction per batch, an older version never overwrites a newer one. */
public final class PostgresBalances implements MirrorSink<Balance> {

    private static final String UPSERT = """
            INSERT INTO ledger_read.account_balances
                (account_id, owner_id, currency, balance, status, version, last_event_id, hash, updated_at, mirrored_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (account_id) DO UPDATE SET
                owner_id = excluded.owner_id, currency = excluded.currency, balance = excluded.balance,
                status = excluded.status, version = excluded.version, last_event_id = excluded.last_event_id,
                hash = excluded.hash, updated_at = excluded.updated_at, mirrored_at = excluded.mirrored_at
            WHERE excluded.version %s account_balances.version
            """;

    private final PostgresBatch batch;
    private final String upsert;

    public PostgresBalances(DataSource dataSource, Overwrite overwrite) {
        this.batch = new PostgresBatch(dataSource);
        this.upsert = UPSERT.formatted(overwrite.sqlOperator());
    }

    @Override
    public void write(List<Balance> balances) throws SQLException {
        batch.run(upsert, balances, PostgresBalances::bind);
    }

    @Override
    public String name() {
        return "postgres ledger_read.account_balances";
    }

    private static void bind(PreparedStatement ps, Balance b) throws SQLException {
        ps.setObject(1, b.accountId());
        ps.setString(2, b.ownerId());
        ps.setString(3, b.currency());
        ps.setBigDecimal(4, b.balance());
        ps.setString(5, b.status().name());
        ps.setInt(6, b.version());
        ps.setObject(7, b.lastEventId());
        ps.setString(8, b.hash());
        ps.setTimestamp(9, Timestamp.from(b.updatedAt()));
    }
}
