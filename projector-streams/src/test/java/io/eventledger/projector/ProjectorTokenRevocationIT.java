package io.eventledger.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The projector caches the tokens it has seen, as command-service does, and listens for their revocations on
 * the same database (it runs none of the ledger's migrations): a token it has cached is refused within a second
 * of {@code ledger token revoke}. A revocation written with triggers off, which notifies nobody, shows that the
 * token really is cached (it keeps working until the backstop), so the first 401 comes from the notification.
 */
class ProjectorTokenRevocationIT {

    private static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void aCachedTokenIsRefusedWithinASecondOfItsRevocation() throws Exception {
        String token = ProjectorFixture.token(Set.of(Role.READER));
        String unnoticed = ProjectorFixture.token(Set.of(Role.READER));
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(ProjectorFixture.SERVERS.env().get("LEDGER_DB_URL"));
        db.setUser(ProjectorFixture.SERVERS.env().get("LEDGER_DB_USER"));

        try (Projector projector = ProjectorFixture.startProjector()) {
            assertThat(status(projector, token)).isNotIn(401, 403);
            assertThat(status(projector, unnoticed)).isNotIn(401, 403);

            revokeWithTriggersOff(db, unnoticed);
            assertThat(new TokenStore(db).revoke(token)).isTrue();
            long revoked = System.nanoTime();

            await().atMost(Duration.ofSeconds(1))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .pollInSameThread()
                    .until(() -> status(projector, token) == 401);
            System.out.printf(
                    "revocation refused by the projector after %.1f ms%n", (System.nanoTime() - revoked) / 1e6);
            assertThat(status(projector, unnoticed))
                    .as("cached, and no notification came")
                    .isNotIn(401, 403);
        }
    }

    /** A quick route: an unknown account is 404 (or 503 while Streams starts), a refused token 401. */
    private static int status(Projector projector, String token) throws Exception {
        return ProjectorFixture.get(projector.port(), "/balances/" + ACCOUNT, token)
                .statusCode();
    }

    private static void revokeWithTriggersOff(PGSimpleDataSource db, String token) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement();
                    PreparedStatement ps = c.prepareStatement(
                            "UPDATE ledger.api_tokens SET revoked_at = now() WHERE token_hash = decode(?, 'hex')")) {
                st.execute("SET LOCAL session_replication_role = replica");
                ps.setString(1, TokenStore.hashHex(token));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            c.commit();
        }
    }
}
