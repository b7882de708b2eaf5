package io.eventledger.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.testing.TestLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several statements in one round trip, against the real database. */
class RoundTripIT {

    private Connection c;

    @BeforeEach
    void table() throws SQLException {
        c = TestLedger.db().getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE trip (k int PRIMARY KEY, v text NOT NULL)");
        }
        c.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        c.rollback();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS trip");
        }
        c.close();
    }

    @Test
    void runsEveryPartInOrderAndEachSeesTheOnesBefore() throws SQLException {
        List<String> read = new ArrayList<>();
        new RoundTrip()
                .add(RoundTrip.Part.update("INSERT INTO trip VALUES (?, ?), (?, ?)", (ps, i) -> {
                    ps.setInt(i + 1, 1);
                    ps.setString(i + 2, "one");
                    ps.setInt(i + 3, 2);
                    ps.setString(i + 4, "two");
                    return i + 4;
                }))
                .add(RoundTrip.Part.update("UPDATE trip SET v = ? WHERE k = ?", (ps, i) -> {
                    ps.setString(i + 1, "uno");
                    ps.setInt(i + 2, 1);
                    return i + 2;
                }))
                .add(RoundTrip.Part.query(
                        "SELECT v FROM trip WHERE k >= ? ORDER BY k",
                        (ps, i) -> {
                            ps.setInt(i + 1, 1);
                            return i + 1;
                        },
                        rs -> {
                            while (rs.next()) {
                                read.add(rs.getString(1));
                            }
                        }))
                .run(c);

        assertThat(read).containsExactly("uno", "two");
        assertThat(values()).containsExactly("uno", "two");
    }

    @Test
    void aFailingPartFailsTheCallAndNothingAfterItRuns() throws SQLException {
        RoundTrip trip = new RoundTrip()
                .add(RoundTrip.Part.update("INSERT INTO trip VALUES (1, 'a')", (ps, i) -> i))
                .add(RoundTrip.Part.update("INSERT INTO trip VALUES (1, 'duplicate')", (ps, i) -> i))
                .add(RoundTrip.Part.update("INSERT INTO trip VALUES (2, 'b')", (ps, i) -> i));

        assertThatThrownBy(() -> trip.run(c)).isInstanceOf(SQLException.class).hasMessageContaining("trip_pkey");
        c.rollback();
        assertThat(values()).isEmpty();
    }

    @Test
    void aPartThatReturnsRowsItWasNotToReturnIsAnError() {
        RoundTrip trip = new RoundTrip().add(RoundTrip.Part.update("SELECT 1", (ps, i) -> i));

        assertThatThrownBy(() -> trip.run(c))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SELECT 1");
    }

    private List<String> values() throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM trip ORDER BY k");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
