package io.eventledger.command.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What an attacker with the table owner's rights could do: switch off the append-only triggers, rewrite
 * history, switch them on again. All in one transaction, so a failing test never leaves them off.
 */
public final class Tamper {

    private Tamper() {}

    /** Runs one UPDATE or DELETE on ledger.events with the triggers off; returns the rows it changed. */
    public static int rewrite(DataSource superuser, String sql, Object... args) throws SQLException {
        try (Connection c = superuser.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement();
                    PreparedStatement ps = c.prepareStatement(sql)) {
                st.execute("ALTER TABLE ledger.events DISABLE TRIGGER USER");
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                int changed = ps.executeUpdate();
                st.execute("ALTER TABLE ledger.events ENABLE TRIGGER USER");
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
