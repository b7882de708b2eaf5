package io.eventledger.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The projector's routes × every role and no, invalid or revoked token, from ONE table: 401 without a live
 * token, 403 for a role the route does not list, neither for one it does (admin may call every route). An
 * allowed caller may still get 404 or 503 (nothing projected yet); only the auth answer is checked here.
 */
class ProjectorAuthorizationIT {

    private static final Set<Role> READERS = Set.of(Role.READER, Role.AUDITOR, Role.OPERATOR);
    private static final String ACCOUNT = UUID.randomUUID().toString();
    private static final Map<String, Set<Role>> ROUTES = new LinkedHashMap<>(Map.of(
            "/balances/" + ACCOUNT,
            READERS,
            "/balances/" + ACCOUNT + "/daily",
            READERS,
            "/summary",
            READERS,
            "/metrics",
            EnumSet.allOf(Role.class),
            "/health/live",
            Set.of(),
            "/health/ready",
            Set.of()));

    @Test
    void everyRoleAndTokenGetsTheExpectedStatus() throws Exception {
        Map<Role, String> tokens = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            tokens.put(role, ProjectorFixture.token(Set.of(role)));
        }
        String revoked = ProjectorFixture.token(Set.of(Role.ADMIN));
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(ProjectorFixture.SERVERS.env().get("LEDGER_DB_URL"));
        db.setUser(ProjectorFixture.SERVERS.env().get("LEDGER_DB_USER"));
        assertThat(new TokenStore(db).revoke(revoked)).isTrue();

        try (Projector projector = ProjectorFixture.startProjector()) {
            SoftAssertions softly = new SoftAssertions();
            for (var route : ROUTES.entrySet()) {
                boolean open = route.getValue().isEmpty();
                for (var refused : new String[] {null, "elt_projector-not-issued", revoked}) {
                    int status = ProjectorFixture.get(projector.port(), route.getKey(), refused)
                            .statusCode();
                    softly.assertThat(open ? status != 401 && status != 403 : status == 401)
                            .as("%s with %s token: %d", route.getKey(), refused == null ? "no" : "a dead", status)
                            .isTrue();
                }
                for (var caller : tokens.entrySet()) {
                    boolean allowed = open
                            || caller.getKey() == Role.ADMIN
                            || route.getValue().contains(caller.getKey());
                    int status = ProjectorFixture.get(projector.port(), route.getKey(), caller.getValue())
                            .statusCode();
                    softly.assertThat(allowed ? status != 401 && status != 403 : status == 403)
                            .as("%s as %s: %d", route.getKey(), caller.getKey().wireName(), status)
                            .isTrue();
                }
            }
            softly.assertAll();
        }
    }
}
