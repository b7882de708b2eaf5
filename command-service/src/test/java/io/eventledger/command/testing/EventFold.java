package io.eventledger.command.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Each account's balance and its lowest balance ever, folded in SQL from its events in version order: an
 * oracle written apart from the Java fold, on the rule of ledger-contract's BalanceEffect (MoneyDeposited and
 * TransferCredited credit; every other event with an amount debits).
 */
public record EventFold(Map<String, BigDecimal> balances, Map<String, BigDecimal> lowest) {

    private static final String FOLD = "SELECT stream_id, sum(signed), min(running) FROM (SELECT stream_id, signed,"
            + " sum(signed) OVER (PARTITION BY stream_id ORDER BY version) AS running FROM (SELECT stream_id, version,"
            + " CASE WHEN event_type IN ('MoneyDeposited', 'TransferCredited') THEN 1"
            + " ELSE -1 END * (data->>'amount')::numeric AS signed FROM ledger.events"
            + " WHERE stream_id = ANY(?) AND data->>'amount' IS NOT NULL) e) r GROUP BY 1";

    /** The fold of these accounts; one without a movement has balance 0.00. */
    public static EventFold of(List<String> accounts) throws SQLException {
        EventFold fold = new EventFold(new TreeMap<>(), new TreeMap<>());
        accounts.forEach(id -> fold.balances().put(id, new BigDecimal("0.00")));
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(FOLD)) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "uuid", accounts.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fold.balances().put(rs.getString(1), rs.getBigDecimal(2).setScale(2));
                    fold.lowest().put(rs.getString(1), rs.getBigDecimal(3));
                }
            }
        }
        return fold;
    }
}
