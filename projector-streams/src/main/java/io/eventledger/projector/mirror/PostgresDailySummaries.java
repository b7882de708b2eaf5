package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.Flow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** {@code ledger_read.daily_summaries}: one transaction per batch, an older version never overwrites a newer one. */
public final class PostgresDailySummaries implements MirrorSink<DailySummary> {

    private static final String UPSERT = """
            INSERT INTO ledger_read.daily_summaries
                (account_id, day, currency, deposits_count, deposits_total, withdrawals_count, withdrawals_total,
                 fees_count, fees_total, refunds_count, refunds_total, transfers_in_count, transfers_in_total,
                 transfers_out_count, transfers_out_total, closing_balance, event_count, version, mirrored_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (account_id, day) DO UPDATE SET
                currency = excluded.currency,
                deposits_count = excluded.deposits_count, deposits_total = excluded.deposits_total,
                withdrawals_count = excluded.withdrawals_count, withdrawals_total = excluded.withdrawals_total,
                fees_count = excluded.fees_count, fees_total = excluded.fees_total,
                refunds_count = excluded.refunds_count, refunds_total = excluded.refunds_total,
                transfers_in_count = excluded.transfers_in_count, transfers_in_total = excluded.transfers_in_total,
                transfers_out_count = excluded.transfers_out_count, transfers_out_total = excluded.transfers_out_total,
                closing_balance = excluded.closing_balance, event_count = excluded.event_count,
                version = excluded.version, mirrored_at = excluded.mirrored_at
            WHERE excluded.version %s daily_summaries.version
            """;

    private final PostgresBatch batch;
    private final String upsert;

    public PostgresDailySummaries(DataSource dataSource, Overwrite overwrite) {
        this.batch = new PostgresBatch(dataSource);
        this.upsert = UPSERT.formatted(overwrite.sqlOperator());
    }

    @Override
    public void write(List<DailySummary> days) throws SQLException {
        batch.run(upsert, days, PostgresDailySummaries::bind);
    }

    @Override
    public String name() {
        return "postgres ledger_read.daily_summaries";
    }

    private static void bind(PreparedStatement ps, DailySummary d) throws SQLException {
        ps.setObject(1, d.accountId());
        ps.setObject(2, d.day());
        ps.setString(3, d.currency());
        int next = 4;
        for (Flow flow :
                List.of(d.deposits(), d.withdrawals(), d.fees(), d.refunds(), d.transfersIn(), d.transfersOut())) {
            ps.setInt(next++, flow.count());
            ps.setBigDecimal(next++, flow.total());
        }
        ps.setBigDecimal(16, d.closingBalance());
        ps.setInt(17, d.eventCount());
        ps.setInt(18, d.version());
    }
}
