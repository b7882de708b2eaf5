package io.eventledger.projector.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Runs one statement for every value of a batch in one transaction: all of the batch or none of it. */
final class PostgresBatch {

    /** Sets the statement's parameters from one value. */
    interface Binder<T> {
        void bind(PreparedStatement ps, T value) throws SQLException;
    }

    private final DataSource dataSource;

    PostgresBatch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> void run(String sql, List<T> values, Binder<T> binder) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (T value : values) {
                    binder.bind(ps, value);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
